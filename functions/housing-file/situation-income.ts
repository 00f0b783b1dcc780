import type { SituationRules } from './situation-rules.ts';

/** Which income the ceilings are compared with (`data/reference/plafonds-ressources.md`). */
type IncomeBasis = 'N-2' | 'N-1' | 'last-12-months';

export interface DeclaredIncome {
  /** Year N-2 at the time of the declaration: the year of the RFR. */
  readonly yearN2: number;
  /** Revenu fiscal de référence of year N-2 (tax notice of year N-1), euros. */
  readonly rfrN2: number;
  /** Income of year N-1, euros, declared only when it is at least 10 % lower. */
  readonly incomeN1?: number;
  /** Income of the last 12 months, euros, declared only when it is at least 10 % lower. */
  readonly incomeLast12Months?: number;
}

export interface RetainedIncome {
  readonly basis: IncomeBasis;
  readonly amount: number;
}

/**
 * Whether `amount` may replace the RFR of year N-2: it must be lower by at least the rule's
 * percentage. Compared in whole percents so that 27,000 against 30,000 is exactly 10 % lower.
 */
export function qualifiesAsLowerIncome(amount: number, rfrN2: number, rules: SituationRules): boolean {
  return amount * 100 <= rfrN2 * (100 - rules.alternativeIncomeMinReductionPercent);
}

/**
 * The income retained: the RFR of year N-2, unless the income of year N-1 or of the last 12
 * months qualifies as lower (see `qualifiesAsLowerIncome`), in which case the lowest qualifying
 * figure. On a tie the order N-2, N-1, last 12 months decides. Figures that do not qualify (the
 * rule may have changed since they were declared) are ignored.
 */
export function retainedIncome(income: DeclaredIncome, rules: SituationRules): RetainedIncome {
  const alternatives: RetainedIncome[] = [];
  if (income.incomeN1 !== undefined) alternatives.push({ basis: 'N-1', amount: income.incomeN1 });
  if (income.incomeLast12Months !== undefined) alternatives.push({ basis: 'last-12-months', amount: income.incomeLast12Months });
  return alternatives
    .filter((candidate) => qualifiesAsLowerIncome(candidate.amount, income.rfrN2, rules))
    .reduce<RetainedIncome>((best, candidate) => (candidate.amount < best.amount ? candidate : best), {
      basis: 'N-2',
      amount: income.rfrN2,
    });
}

/** Why this income was retained, in the employee's words. */
export function retainedIncomeExplanation(income: DeclaredIncome, retained: RetainedIncome, rules: SituationRules): string {
  const percent = rules.alternativeIncomeMinReductionPercent;
  switch (retained.basis) {
    case 'N-2':
      return `Revenu fiscal de référence ${income.yearN2} (année N-2), figurant sur l’avis d’imposition ${income.yearN2 + 1}.`;
    case 'N-1':
      return `Revenus ${income.yearN2 + 1} (année N-1), inférieurs d’au moins ${percent} % au revenu fiscal de référence ${income.yearN2} : ils sont retenus à sa place.`;
    case 'last-12-months':
      return `Revenus des 12 derniers mois, inférieurs d’au moins ${percent} % au revenu fiscal de référence ${income.yearN2} : ils sont retenus à sa place.`;
  }
}
