/** French words for the situation's codes, as the employee reads them. */
export const relationshipLabels: Record<string, string> = {
  applicant: 'Demandeur',
  spouse: 'Conjoint',
  child: 'Enfant',
  'other-dependant': 'Autre personne à charge',
  other: 'Autre',
};

export const contractLabels: Record<string, string> = { CDI: 'CDI', CDD: 'CDD', other: 'Autre contrat' };

export const housingKindLabels: Record<string, string> = { house: 'Maison', apartment: 'Appartement' };

export const incomeBasisLabels: Record<string, string> = {
  'N-2': 'revenu fiscal de référence N-2',
  'N-1': 'revenus de l’année N-1',
  'last-12-months': 'revenus des 12 derniers mois',
};
