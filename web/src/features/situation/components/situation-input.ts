import type { putSituation } from '#housing-file/situation-routes.ts';
import type { RequestOf } from '#web/lib/api-client.ts';
import { textOf } from '#web/lib/form-errors.ts';
import type { Situation } from '../api/use-situation.ts';

export type SituationBody = RequestOf<typeof putSituation>['body'];

/**
 * The form's inputs are named after the request's fields (`household.members.0.birthDate`), so that
 * a field message, from the shared schema or from the API, lands beside its input.
 */
const text = (form: FormData, name: string) => textOf(form, name).trim();
const optionalText = (form: FormData, name: string) => text(form, name) || undefined;
/** An amount as typed in French (`24 500,50`): `undefined` when empty, so that the schema says it is missing. */
const amount = (form: FormData, name: string): number | undefined => {
  const value = text(form, name)
    .replace(/[\s\u202f\u00a0€]/g, '')
    .replace(',', '.');
  return value === '' ? undefined : Number(value);
};
const optionalAmount = (form: FormData, name: string) => amount(form, name) ?? null;

/** A section whose inputs are all empty is left out (the API empties it); a started one is sent whole, to be checked. */
const started = (form: FormData, prefix: string) =>
  [...form.entries()].some(([name, value]) => name.startsWith(prefix) && typeof value === 'string' && value.trim() !== '');

type Employment = NonNullable<SituationBody['employment']>;

function employmentOf(form: FormData, kind: Employment['kind']): Employment {
  const ongoing = form.get('employment.trialPeriod.ongoing') === 'oui';
  const common = {
    startDate: text(form, 'employment.startDate'),
    trialPeriod: { ongoing, endsOn: ongoing ? text(form, 'employment.trialPeriod.endsOn') : null },
  };
  if (kind === 'CDI') return { kind, ...common };
  if (kind === 'CDD') return { kind, ...common, endDate: text(form, 'employment.endDate') };
  return {
    kind,
    ...common,
    endDate: optionalText(form, 'employment.endDate') ?? null,
    description: optionalText(form, 'employment.description') ?? null,
  };
}

export function situationBodyOf(form: FormData, memberCount: number): SituationBody {
  const firstRegisteredOn = optionalText(form, 'nud.firstRegisteredOn');
  const kind = text(form, 'employment.kind') as 'CDI' | 'CDD' | 'other';
  const residence = text(form, 'mainResidence');
  return {
    ...(firstRegisteredOn && { nud: { firstRegisteredOn } }),
    household:
      memberCount > 0
        ? {
            members: Array.from({ length: memberCount }, (_, index) => ({
              relationship: text(form, `household.members.${index}.relationship`) as 'applicant',
              birthDate: text(form, `household.members.${index}.birthDate`),
              disability: form.get(`household.members.${index}.disability`) === 'oui',
            })),
          }
        : null,
    income: started(form, 'income.')
      ? {
          rfrN2: amount(form, 'income.rfrN2') as number,
          incomeN1: optionalAmount(form, 'income.incomeN1'),
          incomeLast12Months: optionalAmount(form, 'income.incomeLast12Months'),
        }
      : null,
    employment: kind ? employmentOf(form, kind) : null,
    mainResidence: residence === '' ? null : residence === 'oui',
    searchCriteria: started(form, 'searchCriteria.')
      ? {
          kinds: form.getAll('searchCriteria.kinds').map(String) as ('house' | 'apartment')[],
          typologies: form.getAll('searchCriteria.typologies').map(String) as ('T1' | 'T2' | 'T3' | 'T4' | 'T5+')[],
          // One hidden input per commune chosen in the picker, holding its INSEE code.
          communes: form.getAll('searchCriteria.communes').map(String),
          minSurfaceM2: amount(form, 'searchCriteria.minSurfaceM2') as number,
          maxRentEuros: amount(form, 'searchCriteria.maxRentEuros') as number,
        }
      : null,
    priorityCriteria: form.getAll('priorityCriteria').map(String) as SituationBody['priorityCriteria'],
  };
}

/** The values the form opens with: the situation as stored. */
export function initialValues(view: Situation | undefined) {
  return {
    firstRegisteredOn: view?.nud.firstRegisteredOn ?? '',
    members: view?.household?.members ?? [{ relationship: 'applicant' as const, birthDate: '', age: 0, disability: false }],
    income: view?.income,
    employment: view?.employment,
    mainResidence: view?.mainResidence ?? null,
    search: view?.searchCriteria,
    priority: new Set<string>(
      (view?.priorityCriteria ?? []).filter((criterion) => criterion.declared).map((criterion) => criterion.criterion),
    ),
  };
}
