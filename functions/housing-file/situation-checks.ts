import { frenchDate, type CalendarDate } from '#shared/calendar.ts';
import type { FieldError } from '#shared/errors.ts';
import { resolveCommune } from './communes.ts';
import type { NudDates } from './nud-validity.ts';
import { qualifiesAsLowerIncome } from './situation-income.ts';
import type { SituationRules } from './situation-rules.ts';
import type { SituationInput } from './situation-schemas.ts';
import { euros } from '#shared/formats.ts';

/**
 * Checks of "Ma situation" beyond its format, with the field path of each problem:
 * - `invalid` (400): one value is impossible by itself, given today's date or the commune list;
 * - `incoherent` (422): values are each valid but together break a rule.
 */
export interface Problems {
  readonly invalid: FieldError[];
  readonly incoherent: FieldError[];
}

export interface CheckContext {
  readonly today: CalendarDate;
  /** The NUD dates stored before this request. */
  readonly stored: NudDates;
  readonly rules: SituationRules;
}

export function situationProblems(input: SituationInput, { today, stored, rules }: CheckContext): Problems {
  const invalid: FieldError[] = [];
  const incoherent: FieldError[] = [];

  const firstRegisteredOn = input.nud?.firstRegisteredOn;
  if (firstRegisteredOn !== undefined) {
    if (firstRegisteredOn > today) {
      invalid.push({ field: 'body.nud.firstRegisteredOn', message: 'La date de première inscription ne peut pas être dans le futur.' });
    } else if (firstRegisteredOn < rules.nudEarliestFirstRegistration) {
      invalid.push({
        field: 'body.nud.firstRegisteredOn',
        message: `La date de première inscription ne peut pas précéder le ${frenchDate(rules.nudEarliestFirstRegistration)}.`,
      });
    } else if (stored.firstRegisteredOn !== undefined && firstRegisteredOn !== stored.firstRegisteredOn) {
      incoherent.push({
        field: 'body.nud.firstRegisteredOn',
        message: `La date de première inscription est déjà enregistrée (${frenchDate(stored.firstRegisteredOn)}) ; pour la corriger, contactez la plateforme.`,
      });
    } else if (stored.lastRenewedOn !== undefined && firstRegisteredOn > stored.lastRenewedOn) {
      incoherent.push({
        field: 'body.nud.firstRegisteredOn',
        message: `La première inscription ne peut pas être postérieure au dernier renouvellement enregistré (${frenchDate(stored.lastRenewedOn)}).`,
      });
    }
  }

  const members = input.household?.members ?? [];
  members.forEach((member, index) => {
    if (member.birthDate > today) {
      invalid.push({ field: `body.household.members.${index}.birthDate`, message: 'La date de naissance ne peut pas être dans le futur.' });
    }
  });
  if (input.household) {
    const applicants = members.filter((member) => member.relationship === 'applicant').length;
    if (applicants !== 1) {
      incoherent.push({
        field: 'body.household.members',
        message: `Le ménage doit compter exactement un demandeur (relationship « applicant ») ; il en compte ${applicants}.`,
      });
    }
    if (members.filter((member) => member.relationship === 'spouse').length > 1) {
      incoherent.push({ field: 'body.household.members', message: 'Le ménage compte au plus un conjoint (relationship « spouse »).' });
    }
  }

  const income = input.income;
  if (income) {
    const currentYearN2 = Number(today.slice(0, 4)) - 2;
    if (income.yearN2 !== undefined && income.yearN2 > currentYearN2) {
      invalid.push({
        field: 'body.income.yearN2',
        message: `Le revenu fiscal de référence le plus récent est celui de ${currentYearN2} (année N-2).`,
      });
    }
    const ceiling = (income.rfrN2 * (100 - rules.alternativeIncomeMinReductionPercent)) / 100;
    const alternatives = [
      ['incomeN1', income.incomeN1, 'Les revenus de l’année N-1'],
      ['incomeLast12Months', income.incomeLast12Months, 'Les revenus des 12 derniers mois'],
    ] as const;
    for (const [field, amount, label] of alternatives) {
      if (amount === undefined || amount === null || qualifiesAsLowerIncome(amount, income.rfrN2, rules)) continue;
      incoherent.push({
        field: `body.income.${field}`,
        message: `${label} ne remplacent le revenu fiscal de référence N-2 que s’ils lui sont inférieurs d’au moins ${rules.alternativeIncomeMinReductionPercent} % (au plus ${euros(ceiling)}) ; sinon laissez ce champ vide.`,
      });
    }
  }

  const employment = input.employment;
  if (employment) {
    const endDate = employment.kind === 'CDI' ? undefined : (employment.endDate ?? undefined);
    if (endDate !== undefined && endDate <= employment.startDate) {
      incoherent.push({
        field: 'body.employment.endDate',
        message: `La fin du contrat doit être postérieure à son début (${frenchDate(employment.startDate)}).`,
      });
    }
    const trialEnd = employment.trialPeriod.endsOn ?? undefined;
    if (trialEnd !== undefined && trialEnd < employment.startDate) {
      incoherent.push({
        field: 'body.employment.trialPeriod.endsOn',
        message: `La période d’essai ne peut pas finir avant le début du contrat (${frenchDate(employment.startDate)}).`,
      });
    }
  }

  input.searchCriteria?.communes.forEach((code, index) => {
    if (!resolveCommune(code)) {
      invalid.push({
        field: `body.searchCriteria.communes.${index}`,
        message: `Le code INSEE ${code} ne désigne aucune commune du Code officiel géographique 2026.`,
      });
    }
  });

  return { invalid, incoherent };
}

/** Rule R4 renewal: not in the future, not before the request was first registered. */
export function renewalProblems(renewedOn: CalendarDate, { today, stored }: Omit<CheckContext, 'rules'>): Problems {
  if (renewedOn > today) {
    return { invalid: [{ field: 'body.renewedOn', message: 'La date de renouvellement ne peut pas être dans le futur.' }], incoherent: [] };
  }
  if (stored.firstRegisteredOn !== undefined && renewedOn < stored.firstRegisteredOn) {
    return {
      invalid: [],
      incoherent: [
        {
          field: 'body.renewedOn',
          message: `Le renouvellement ne peut pas précéder la première inscription de la demande (${frenchDate(stored.firstRegisteredOn)}).`,
        },
      ],
    };
  }
  return { invalid: [], incoherent: [] };
}
