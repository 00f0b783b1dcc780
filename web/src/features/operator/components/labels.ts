/** Words the operator's pages show for the API's codes. */

export const figureLabels = {
  sector: 'Secteur',
  headcount: 'Effectif',
  contributor: 'Verse la PEEC',
  lastContributionEuros: 'Dernière PEEC (euros)',
  lastContributionYear: 'Année de la dernière PEEC',
} as const;

export const jobStatusLabels = {
  RUNNING: 'En cours',
  DONE: 'Terminée',
  INCOMPLETE: 'Incomplète (reprise au prochain passage)',
  FAILED: 'Échec',
} as const;

export const gridStatusLabels = { superseded: 'Remplacée', 'in-force': 'En vigueur', scheduled: 'Programmée' } as const;

export const landlordRoleLabels = { landlord: 'Gestionnaire des offres', commission: 'Commission d’attribution' } as const;

export const yesNo = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];
