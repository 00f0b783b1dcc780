/** Words the operator's pages show for the API's codes. */
export const sectorLabels = { private: 'Privé', agricultural: 'Agricole' } as const;

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

/** A typed number, or the text as typed so that the shared schema names what is wrong. */
export function numberOf(text: string): number {
  const normalized = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const value = Number(normalized);
  return normalized === '' || Number.isNaN(value) ? (text as unknown as number) : value;
}
