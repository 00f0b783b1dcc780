import { ageOn } from './household.ts';
import { calendarDayIn } from '#shared/calendar.ts';
import type { FieldError } from '#shared/errors.ts';
import { communeByCode } from './communes.ts';
import { currentDocuments, type DocumentFacts, isExpired } from './completeness.ts';
import { documentRules } from './document-rules.ts';
import { nudValidity, nudValidityMessage } from './nud-validity.ts';
import { priorityCriteriaOf, priorityLabels, priorityProofTypes } from './priority-criteria.ts';
import { explainedHouseholdCategory } from './situation-household.ts';
import { retainedIncome, retainedIncomeExplanation } from './situation-income.ts';
import type { SituationRules } from './situation-rules.ts';
import type { NudView, SituationView } from './situation-schemas.ts';
import type { Situation, SituationRecord } from './situation-store.ts';

/** The NUD with its dates and its validity today (rule R4). */
export function nudView(record: SituationRecord, now: Date, rules: SituationRules): NudView {
  const validity = nudValidity(record.nudDates, now, rules);
  return {
    number: record.nud,
    firstRegisteredOn: record.nudDates.firstRegisteredOn ?? null,
    lastRenewedOn: record.nudDates.lastRenewedOn ?? null,
    validity: { ...validity, message: nudValidityMessage(validity) },
  };
}

const missingMessages = {
  household: 'Décrivez votre ménage : les personnes qui vivront dans le logement, leurs dates de naissance, un éventuel handicap.',
  income: 'Déclarez vos revenus : le revenu fiscal de référence de l’année N-2.',
  employment: 'Décrivez votre contrat de travail (CDI, CDD ou autre) et sa date de début.',
  mainResidence: 'Indiquez si le logement recherché sera votre résidence principale.',
  searchCriteria: 'Indiquez vos critères de recherche : maison ou appartement, typologies, communes, surface minimale, loyer maximum.',
} as const;

/**
 * "Ma situation" as the employee reads it (rule R5): what was declared, what is derived from it
 * today (ages, household category, retained income, NUD validity), what is missing and what
 * would block an application.
 */
export function situationView(
  record: SituationRecord,
  now: Date,
  rules: SituationRules,
  documents: readonly DocumentFacts[] = [],
): SituationView {
  const situation: Partial<Situation> = record.situation ?? {};
  const nud = nudView(record, now, rules);
  const today = calendarDayIn(rules.timeZone, now);
  const currentYearN2 = Number(today.slice(0, 4)) - 2;

  const missing: FieldError[] = [];
  const warnings: FieldError[] = [];
  if (nud.firstRegisteredOn === null) {
    missing.push({
      field: 'nud.firstRegisteredOn',
      message:
        'Déclarez la date de première inscription de votre demande de logement social : elle fixe sa validité tant qu’elle n’a pas été renouvelée, et son ancienneté.',
    });
  }
  const validity = nudValidity(record.nudDates, now, rules);
  if (validity.status === 'expired') {
    warnings.push({ field: 'nud', message: nudValidityMessage(validity) });
  } else if (validity.status === 'valid' && validity.daysLeft <= rules.nudReminderDays) {
    warnings.push({ field: 'nud', message: `${nudValidityMessage(validity)} Pensez à la renouveler.` });
  }
  for (const section of ['household', 'income', 'employment', 'mainResidence', 'searchCriteria'] as const) {
    if (situation[section] === undefined) missing.push({ field: section, message: missingMessages[section] });
  }
  if (situation.mainResidence === false) {
    warnings.push({
      field: 'mainResidence',
      message: 'Seule la recherche d’une résidence principale permet de candidater à un logement social.',
    });
  }
  if (situation.income && situation.income.yearN2 < currentYearN2) {
    warnings.push({
      field: 'income.yearN2',
      message: `Revenus déclarés pour ${situation.income.yearN2} : déclarez le revenu fiscal de référence ${currentYearN2} (avis d’imposition ${currentYearN2 + 1}).`,
    });
  }

  return {
    nud,
    household: situation.household
      ? {
          members: situation.household.members.map((member) => ({ ...member, age: ageOn(member.birthDate, now) })),
          category: explainedHouseholdCategory(situation.household.members, now),
        }
      : null,
    income: situation.income ? incomeView(situation.income, rules) : null,
    employment: situation.employment
      ? {
          kind: situation.employment.kind,
          startDate: situation.employment.startDate,
          endDate: situation.employment.endDate ?? null,
          description: situation.employment.description ?? null,
          trialPeriod: {
            ongoing: situation.employment.trialPeriod.ongoing,
            endsOn: situation.employment.trialPeriod.endsOn ?? null,
          },
        }
      : null,
    mainResidence: situation.mainResidence ?? null,
    searchCriteria: situation.searchCriteria
      ? { ...situation.searchCriteria, communes: situation.searchCriteria.communes.map((code) => communeView(code, warnings)) }
      : null,
    priorityCriteria: priorityView(situation, documents, now, warnings),
    missing,
    warnings,
    complete: missing.length === 0,
    updatedAt: situation.updatedAt ?? null,
  };
}

/**
 * Each priority criterion, declared or derived from the household, with its proof and whether
 * that proof is received (and not expired) today; one warning per criterion still unproven.
 */
function priorityView(situation: Partial<Situation>, documents: readonly DocumentFacts[], now: Date, warnings: FieldError[]) {
  const current = currentDocuments(documents);
  return priorityCriteriaOf(situation.priorityCriteria ?? [], situation.household?.members ?? []).map((criterion) => {
    const type = priorityProofTypes[criterion];
    const document = current.get(type);
    const received = document !== undefined && !isExpired(document, now, documentRules);
    const label = documentRules.types[type].label;
    if (!received) {
      warnings.push({
        field: `priorityCriteria.${criterion}`,
        message: `Envoyez le justificatif « ${label} » : sans lui, le critère « ${priorityLabels[criterion]} » n’est pas compté dans votre score.`,
      });
    }
    return {
      criterion,
      label: priorityLabels[criterion],
      proof: { type, label, received },
      declared: situation.priorityCriteria?.includes(criterion) ?? false,
    };
  });
}

function incomeView(income: NonNullable<Situation['income']>, rules: SituationRules) {
  const retained = retainedIncome(income, rules);
  return {
    yearN2: income.yearN2,
    rfrN2: income.rfrN2,
    yearN1: income.yearN2 + 1,
    incomeN1: income.incomeN1 ?? null,
    incomeLast12Months: income.incomeLast12Months ?? null,
    retained: { ...retained, explanation: retainedIncomeExplanation(income, retained, rules) },
  };
}

/** A stored commune code; one that a later commune list no longer has is shown and flagged. */
function communeView(code: string, warnings: FieldError[]) {
  const commune = communeByCode(code);
  if (commune) return commune;
  warnings.push({
    field: 'searchCriteria.communes',
    message: `La commune ${code} n’existe plus dans le Code officiel géographique : mettez à jour vos critères de recherche.`,
  });
  return { code, name: `Commune ${code} (plus au Code officiel géographique)`, department: code.slice(0, code.startsWith('97') ? 3 : 2) };
}
