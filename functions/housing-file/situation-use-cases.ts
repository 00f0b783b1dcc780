import { calendarDayIn, type CalendarDate } from '#shared/calendar.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { resolveCommune } from './communes.ts';
import { nudExpiresOn } from './nud-validity.ts';
import { renewalProblems, situationProblems, type Problems } from './situation-checks.ts';
import type { SituationRules } from './situation-rules.ts';
import type { NudRenewalInput, NudView, SituationInput, SituationView } from './situation-schemas.ts';
import type { DocumentStore } from './document-store.ts';
import { EmployeeNotFound, NudDatesChanged, type Situation, type SituationRecord, type SituationStore } from './situation-store.ts';
import { nudView, situationView } from './situation-view.ts';

export interface SituationDeps {
  readonly situations: SituationStore;
  /** The file's documents: the proofs of the priority criteria. */
  readonly documents: Pick<DocumentStore, 'list'>;
  readonly rules: SituationRules;
  readonly now: () => Date;
}

const noEmployee = () =>
  new NotFoundError('Aucun dossier salarié n’est associé à ce compte : inscrivez-vous comme salarié pour remplir « Ma situation ».');

const datesChanged = () =>
  new ConflictError('NUD_DATES_CHANGED', 'Les dates de votre demande ont été modifiées en même temps par une autre requête ; réessayez.');

async function readRecord(deps: SituationDeps, employeeId: string): Promise<SituationRecord> {
  const record = await deps.situations.get(employeeId);
  if (!record) throw noEmployee();
  return record;
}

function throwProblems(problems: Problems, code: string, message: string): void {
  if (problems.invalid.length > 0) throw new ValidationError(problems.invalid);
  if (problems.incoherent.length > 0) throw new UnprocessableError(code, message, problems.incoherent);
}

async function mapStoreErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof EmployeeNotFound) throw noEmployee();
    if (error instanceof NudDatesChanged) throw datesChanged();
    throw error;
  }
}

/**
 * The caller's "Ma situation", also before anything was filled in.
 * 1. Read the employee's item (one GetItem) and the file's documents (one Query), in parallel;
 *    no employee file is a 404.
 * 2. Derive today's view: NUD validity, ages, household category, retained income, priority
 *    criteria with their proofs, what is missing.
 */
export async function getSituation(deps: SituationDeps, employeeId: string): Promise<SituationView> {
  const [record, documents] = await Promise.all([readRecord(deps, employeeId), deps.documents.list(employeeId)]);
  return situationView(record, deps.now(), deps.rules, documents);
}

/**
 * The employee replaces "Ma situation" (sections left out are emptied; the NUD's first
 * registration date is kept unless given).
 * 1. Read the employee's item; no employee file is a 404.
 * 2. Check what the format cannot: dates against today, communes against the COG (400), rules
 *    across fields and against the stored NUD dates (422), each with its field path.
 * 3. Normalise: communes to their COG commune (arrondissements to their city), the year of the RFR.
 * 4. One conditional UpdateItem writes the situation and, if given, the first registration date
 *    with the NUD-expiry index, provided the last renewal did not change meanwhile (else 409).
 * 5. Answer the same view as GET, from the item the update returned.
 */
export async function replaceSituation(deps: SituationDeps, employeeId: string, input: SituationInput): Promise<SituationView> {
  const now = deps.now();
  const today = calendarDayIn(deps.rules.timeZone, now);
  const [record, documents] = await Promise.all([readRecord(deps, employeeId), deps.documents.list(employeeId)]);
  throwProblems(
    situationProblems(input, { today, stored: record.nudDates, rules: deps.rules }),
    'SITUATION_INCOHERENT',
    'Certaines informations de votre situation sont incohérentes entre elles.',
  );
  const situation = toSituation(input, now, today);
  const firstRegisteredOn = input.nud?.firstRegisteredOn;
  const lastRenewedOn = record.nudDates.lastRenewedOn;
  const saved = await mapStoreErrors(() =>
    deps.situations.saveSituation(
      employeeId,
      situation,
      firstRegisteredOn === undefined
        ? undefined
        : { on: firstRegisteredOn, expiresOn: nudExpiresOn(lastRenewedOn ?? firstRegisteredOn, deps.rules), otherAsRead: lastRenewedOn },
    ),
  );
  return situationView(saved, now, deps.rules, documents);
}

/**
 * The employee renewed the social-housing request (rule R4).
 * 1. Read the employee's item; no employee file is a 404.
 * 2. The renewal date (today by default) may not be in the future (400) nor before the first
 *    registration (422). An earlier date than the stored renewal is taken as a correction.
 * 3. One conditional UpdateItem sets the last renewal and the NUD-expiry index, provided the
 *    first registration did not change meanwhile (else 409). Repeating it changes nothing more.
 * 4. Answer the NUD with its new validity.
 */
export async function renewNud(deps: SituationDeps, employeeId: string, input: NudRenewalInput): Promise<NudView> {
  const now = deps.now();
  const today = calendarDayIn(deps.rules.timeZone, now);
  const record = await readRecord(deps, employeeId);
  const renewedOn = input.renewedOn ?? today;
  throwProblems(
    renewalProblems(renewedOn, { today, stored: record.nudDates }),
    'NUD_RENEWAL_BEFORE_REGISTRATION',
    'La date de renouvellement est antérieure à la première inscription de la demande.',
  );
  const saved = await mapStoreErrors(() =>
    deps.situations.saveRenewal(employeeId, {
      on: renewedOn,
      expiresOn: nudExpiresOn(renewedOn, deps.rules),
      otherAsRead: record.nudDates.firstRegisteredOn,
    }),
  );
  return nudView(saved, now, deps.rules);
}

/** The stored form of a checked input: no nulls, communes as COG commune codes, the RFR's year. */
function toSituation(input: SituationInput, now: Date, today: CalendarDate): Situation {
  const { household, income, employment, mainResidence, searchCriteria, priorityCriteria } = input;
  return {
    household: household ?? undefined,
    income: income
      ? {
          yearN2: income.yearN2 ?? Number(today.slice(0, 4)) - 2,
          rfrN2: income.rfrN2,
          incomeN1: income.incomeN1 ?? undefined,
          incomeLast12Months: income.incomeLast12Months ?? undefined,
        }
      : undefined,
    employment: employment
      ? {
          kind: employment.kind,
          startDate: employment.startDate,
          endDate: employment.kind === 'CDI' ? undefined : (employment.endDate ?? undefined),
          description: employment.kind === 'other' ? (employment.description ?? undefined) : undefined,
          trialPeriod: { ongoing: employment.trialPeriod.ongoing, endsOn: employment.trialPeriod.endsOn ?? undefined },
        }
      : undefined,
    mainResidence: mainResidence ?? undefined,
    searchCriteria: searchCriteria
      ? {
          ...searchCriteria,
          communes: [...new Set(searchCriteria.communes.map((code) => resolveCommune(code)?.commune.code ?? code))],
        }
      : undefined,
    priorityCriteria: priorityCriteria && priorityCriteria.length > 0 ? priorityCriteria : undefined,
    updatedAt: now.toISOString(),
  };
}
