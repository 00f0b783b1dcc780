import { householdCategory, householdRules, type HouseholdCategory, type HouseholdMember } from './household.ts';

export interface ExplainedHouseholdCategory extends HouseholdCategory {
  /** Why this category, one sentence per reason, in French. */
  readonly explanation: string[];
}

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * The household category of the income ceilings (`householdCategory`, rules of
 * `data/reference/plafonds-ressources.md`) with the reasons the employee reads next to it.
 */
export function explainedHouseholdCategory(members: readonly HouseholdMember[], on: Date): ExplainedHouseholdCategory {
  const result = householdCategory(members, on);
  const singleAdultWithDependants = result.persons - result.dependants === 1 && result.dependants > 0;
  const raisedBy = [
    ...(result.jeuneMenage
      ? [`jeune ménage (couple sans personne à charge dont la somme des âges ne dépasse pas ${householdRules.jeuneMenageMaxAgeSum} ans)`]
      : []),
    ...(result.disability ? ['une personne du ménage est en situation de handicap'] : []),
    ...(singleAdultWithDependants ? ['personne seule avec personne(s) à charge'] : []),
  ];
  const explanation = [
    `${count(result.persons, 'personne', 'personnes')} dans le ménage, dont ${result.dependants} à charge.`,
    ...(raisedBy.length > 0 ? [`Catégorie relevée d’un rang : ${raisedBy.join(' ; ')}.`] : []),
    ...(result.extraPersons > 0
      ? [
          `Au-delà de la catégorie ${householdRules.maxCategory} : ${count(result.extraPersons, 'personne supplémentaire', 'personnes supplémentaires')}, chacune ajoutant le montant « par personne supplémentaire » au plafond.`,
        ]
      : []),
  ];
  return { ...result, explanation };
}
