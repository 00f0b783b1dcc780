import { ageOn } from '#housing-file/household.ts';
import { addDays, addMonths, calendarDayIn, frenchDate, timeZone, wholeMonthsBetween } from '#shared/calendar.ts';
import { euros } from '#shared/formats.ts';
import { priorityCriteria, priorityLabels, type PriorityCriterion } from '#housing-file/priority-criteria.ts';
import type { Criterion, ScoringGrid } from './grid.ts';

/**
 * The scoring robot's pure part (rule R9): one application's score under one grid, at one
 * instant (the close of the offer's window), with a French line per criterion so that the
 * applicant can see how his score was computed (*cotation* transparency). Every boundary is
 * documented in `README.md` of this folder.
 */
export { priorityCriteria, priorityCriteriaOf, type PriorityCriterion } from '#housing-file/priority-criteria.ts';
export type { Criterion } from './grid.ts';
export { contributionPerEmployeeEuros } from '#companies/eligibility.ts';

export interface ScoringInput {
  /** The employment declared in "Ma situation"; null when none is declared. */
  readonly contract: {
    readonly kind: 'CDI' | 'CDD' | 'other';
    readonly startDate: string;
    /** Last day of the contract, inclusive; required for a CDD. */
    readonly endDate: string | null;
    readonly trialPeriod: { readonly ongoing: boolean; readonly endsOn: string | null };
  } | null;
  /** The retained income of the situation (`income.retained.amount`), euros; null when undeclared. */
  readonly retainedIncomeEuros: number | null;
  /** The offer's income ceiling for this household (as eligibility computes it); null when unknown. */
  readonly ceilingEuros: number | null;
  /** The employer's last contribution divided by its headcount (`contributionPerEmployeeEuros`). */
  readonly employerContributionPerEmployeeEuros: number;
  readonly applicantBirthDate: string | null;
  readonly spouseBirthDates: readonly string[];
  /** First registration of the NUD; null when unknown. */
  readonly nudFirstRegisteredOn: string | null;
  readonly recommended: boolean;
  readonly previouslySelectedWithoutAttribution: boolean;
  /** Declared in "Ma situation" or derived from the household (disability). */
  readonly priorityCriteria: ReadonlySet<PriorityCriterion>;
  /** Those of `priorityCriteria` whose proof document was received: only these count. */
  readonly provenPriorityCriteria: ReadonlySet<PriorityCriterion>;
  /** The NUD certificate, which shows the first-registration date, was received: the seniority counts only then. */
  readonly nudCertificateReceived: boolean;
}

interface BreakdownLine {
  readonly criterion: Criterion;
  readonly points: number;
  /** French, for the applicant (e.g. "CDI : 30 points"). */
  readonly detail: string;
}

export interface Score {
  readonly total: number;
  readonly breakdown: readonly BreakdownLine[];
  readonly gridVersion: string;
}

const pts = (points: number) => `${points} point${Math.abs(points) > 1 ? 's' : ''}`;

function contractLines(contract: ScoringInput['contract'], grid: ScoringGrid, today: string): BreakdownLine[] {
  if (!contract) {
    return [
      { criterion: 'contract', points: 0, detail: 'Aucun contrat de travail déclaré : 0 point' },
      { criterion: 'trial-period', points: 0, detail: 'Pas de période d’essai en cours : 0 point' },
    ];
  }
  const rules = grid.contract;
  let line: BreakdownLine;
  if (contract.kind === 'CDI') line = { criterion: 'contract', points: rules.cdi, detail: `CDI : ${pts(rules.cdi)}` };
  else if (contract.kind === 'CDD') {
    // The end date is the last worked day: 1 January to 30 June is a 6-month contract.
    const long = contract.endDate !== null && addDays(contract.endDate, 1) >= addMonths(contract.startDate, rules.cddLongMinMonths);
    const period = `du ${frenchDate(contract.startDate)} au ${contract.endDate ? frenchDate(contract.endDate) : '?'}`;
    line = long
      ? {
          criterion: 'contract',
          points: rules.cddLong,
          detail: `CDD de ${rules.cddLongMinMonths} mois ou plus (${period}) : ${pts(rules.cddLong)}`,
        }
      : {
          criterion: 'contract',
          points: rules.other,
          detail: `CDD de moins de ${rules.cddLongMinMonths} mois (${period}) : ${pts(rules.other)}`,
        };
  } else line = { criterion: 'contract', points: rules.other, detail: `Autre contrat : ${pts(rules.other)}` };

  // The trial period is ongoing through its last day.
  const trial = contract.trialPeriod;
  const ongoing = trial.ongoing && (trial.endsOn === null || trial.endsOn >= today);
  const trialLine: BreakdownLine = ongoing
    ? {
        criterion: 'trial-period',
        points: rules.trialPeriod,
        detail: `Période d’essai en cours${trial.endsOn ? ` (jusqu’au ${frenchDate(trial.endsOn)})` : ''} : ${pts(rules.trialPeriod)}`,
      }
    : { criterion: 'trial-period', points: 0, detail: 'Pas de période d’essai en cours : 0 point' };
  return [line, trialLine];
}

function incomeLine(retained: number | null, ceiling: number | null, grid: ScoringGrid): BreakdownLine {
  if (retained === null) return { criterion: 'income', points: 0, detail: 'Revenu non déclaré : 0 point' };
  if (ceiling === null || ceiling <= 0)
    return { criterion: 'income', points: 0, detail: 'Plafond de ressources de l’offre inconnu : 0 point' };
  const rules = grid.income;
  // In cents, so that the comparison with the bounds is exact: share < p % ⇔ cents < ceiling × p.
  const cents = Math.round(retained * 100);
  const percent = Math.round((cents / ceiling) * 10) / 10;
  const share = `${String(percent).replace('.', ',')} % du plafond (${euros(retained)} sur ${euros(ceiling)})`;
  if (cents < ceiling * rules.lowShareBelowPercent) {
    return {
      criterion: 'income',
      points: rules.low,
      detail: `Revenu à ${share}, moins de ${rules.lowShareBelowPercent} % : ${pts(rules.low)}`,
    };
  }
  if (cents <= ceiling * rules.highShareAbovePercent) {
    return {
      criterion: 'income',
      points: rules.middle,
      detail: `Revenu à ${share}, de ${rules.lowShareBelowPercent} à ${rules.highShareAbovePercent} % inclus : ${pts(rules.middle)}`,
    };
  }
  return {
    criterion: 'income',
    points: rules.high,
    detail: `Revenu à ${share}, plus de ${rules.highShareAbovePercent} % : ${pts(rules.high)}`,
  };
}

function contributionLine(perEmployee: number, grid: ScoringGrid): BreakdownLine {
  const bands = grid.employerContribution.bands;
  const index = bands.findLastIndex((band) => perEmployee >= band.fromEuros);
  const band = bands[Math.max(index, 0)] ?? { fromEuros: 0, points: 0 };
  const next = bands[index + 1];
  const range = next ? `de ${euros(band.fromEuros)} à moins de ${euros(next.fromEuros)}` : `${euros(band.fromEuros)} ou plus`;
  return {
    criterion: 'employer-contribution',
    points: band.points,
    detail: `Contribution de l’employeur : ${euros(Math.round(perEmployee * 100) / 100)} par salarié (tranche ${range}) : ${pts(band.points)}`,
  };
}

function ageLines(input: ScoringInput, grid: ScoringGrid, now: Date): BreakdownLine[] {
  const rules = grid.age;
  const applicantAge = input.applicantBirthDate === null ? null : ageOn(input.applicantBirthDate, now);
  const applicant: BreakdownLine =
    applicantAge === null
      ? { criterion: 'age-applicant', points: 0, detail: 'Date de naissance du demandeur inconnue : 0 point' }
      : applicantAge < rules.underAge
        ? {
            criterion: 'age-applicant',
            points: rules.applicant,
            detail: `Demandeur de ${applicantAge} ans, moins de ${rules.underAge} ans : ${pts(rules.applicant)}`,
          }
        : { criterion: 'age-applicant', points: 0, detail: `Demandeur de ${applicantAge} ans, ${rules.underAge} ans ou plus : 0 point` };
  const ages = input.spouseBirthDates.map((birthDate) => ageOn(birthDate, now));
  const young = ages.filter((age) => age < rules.underAge).length;
  const spousePoints = young * rules.eachSpouse;
  const spouses: BreakdownLine =
    ages.length === 0
      ? { criterion: 'age-spouses', points: 0, detail: 'Pas de conjoint : 0 point' }
      : {
          criterion: 'age-spouses',
          points: spousePoints,
          detail: `Conjoint(s) de ${ages.map((age) => `${age} ans`).join(', ')} ; ${young} de moins de ${rules.underAge} ans × ${rules.eachSpouse} : ${pts(spousePoints)}`,
        };
  return [applicant, spouses];
}

function seniorityLines(input: ScoringInput, grid: ScoringGrid, today: string): BreakdownLine[] {
  const rules = grid.seniority;
  const firstRegisteredOn = input.nudFirstRegisteredOn;
  const unproven = !input.nudCertificateReceived;
  if (firstRegisteredOn === null || unproven) {
    return [
      {
        criterion: 'seniority',
        points: 0,
        detail: unproven
          ? 'Attestation d’enregistrement de la demande (NUD) non reçue : ancienneté non comptée, 0 point'
          : 'Date de première inscription de la demande inconnue : 0 point',
      },
      { criterion: 'seniority-bonus', points: 0, detail: `Demande de ${rules.bonusAfterMonths} mois ou moins : 0 point` },
    ];
  }
  const months = wholeMonthsBetween(firstRegisteredOn, today);
  const points = months * rules.pointsPerMonth;
  // Older than 36 months: from the day after the 36th monthly anniversary of the first registration.
  const older = today > addMonths(firstRegisteredOn, rules.bonusAfterMonths);
  return [
    {
      criterion: 'seniority',
      points,
      detail: `Demande inscrite le ${frenchDate(firstRegisteredOn)}, ${months} mois entier(s) × ${rules.pointsPerMonth} : ${pts(points)}`,
    },
    older
      ? {
          criterion: 'seniority-bonus',
          points: rules.bonus,
          detail: `Demande de plus de ${rules.bonusAfterMonths} mois : ${pts(rules.bonus)}`,
        }
      : { criterion: 'seniority-bonus', points: 0, detail: `Demande de ${rules.bonusAfterMonths} mois ou moins : 0 point` },
  ];
}

function priorityLine(input: ScoringInput, grid: ScoringGrid): BreakdownLine {
  const rules = grid.priority;
  // In the grid's order, whatever order the set was built in, so the line reads the same each time.
  const declared = priorityCriteria.filter((criterion) => input.priorityCriteria.has(criterion));
  const counts = (criterion: PriorityCriterion) => input.provenPriorityCriteria.has(criterion);
  const met = declared.filter(counts);
  const unproven = declared.filter((criterion) => !counts(criterion));
  const without =
    unproven.length > 0
      ? ` ; sans justificatif reçu, non compté(s) : ${unproven.map((criterion) => priorityLabels[criterion]).join(', ')}`
      : '';
  if (met.length === 0)
    return { criterion: 'priority', points: 0, detail: `Aucun critère de ménage prioritaire justifié${without} : 0 point` };
  const raw = met.length * rules.pointsEach;
  const points = Math.min(raw, rules.cap);
  const capped = raw > rules.cap ? `, plafonné à ${rules.cap}` : '';
  return {
    criterion: 'priority',
    points,
    detail: `Ménage prioritaire (${met.map((criterion) => priorityLabels[criterion]).join(', ')}) : ${met.length} × ${rules.pointsEach}${capped}${without} : ${pts(points)}`,
  };
}

/** A line above the grid's cap for its criterion gives the cap, and says so. */
function capLine(line: BreakdownLine, grid: ScoringGrid): BreakdownLine {
  const cap = grid.caps?.[line.criterion];
  if (cap === undefined || line.points <= cap) return line;
  return { ...line, points: cap, detail: `${line.detail.replace(/ : -?\d+ points?$/, '')}, plafonné à ${cap} : ${pts(cap)}` };
}

/**
 * Scores one application.
 * 1. Today is the French calendar day of `now` (the close of the window): ages, the trial
 *    period and the seniority of the request are taken on that day.
 * 2. One breakdown line per criterion, in the grid's order, even at 0 points, so that the
 *    applicant sees every criterion and why it gave what it gave.
 * 3. A priority criterion counts only with its proof received, the seniority only with the NUD
 *    certificate received (both as of "Je postule").
 * 4. A line above the grid's cap for its criterion gives the cap (`caps`, v2).
 * 5. The total is exactly the sum of the lines (the trial-period penalty is the only negative
 *    line, and it only appears beside a contract, which gives at least 10 in the default grid).
 */
export function scoreApplication(input: ScoringInput, grid: ScoringGrid, now: Date): Score {
  const today = calendarDayIn(timeZone, now);
  const lines: BreakdownLine[] = [
    ...contractLines(input.contract, grid, today),
    incomeLine(input.retainedIncomeEuros, input.ceilingEuros, grid),
    contributionLine(input.employerContributionPerEmployeeEuros, grid),
    ...ageLines(input, grid, now),
    ...seniorityLines(input, grid, today),
    input.recommended
      ? { criterion: 'recommendation', points: grid.recommendation, detail: `Recommandé par l’employeur : ${pts(grid.recommendation)}` }
      : { criterion: 'recommendation', points: 0, detail: 'Pas de recommandation de l’employeur : 0 point' },
    input.previouslySelectedWithoutAttribution
      ? {
          criterion: 'previous-selection',
          points: grid.previousSelection,
          detail: `Déjà sélectionné (classé 2e ou 3e) sans attribution : ${pts(grid.previousSelection)}`,
        }
      : { criterion: 'previous-selection', points: 0, detail: 'Pas de sélection antérieure sans attribution : 0 point' },
    priorityLine(input, grid),
  ];
  const breakdown = lines.map((line) => capLine(line, grid));
  const total = breakdown.reduce((sum, line) => sum + line.points, 0);
  return { total, breakdown, gridVersion: grid.version };
}
