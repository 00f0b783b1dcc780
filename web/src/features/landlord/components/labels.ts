/** French words for the offer fields' values, as the landlord's pages show them. */
export const offerStatusLabels: Record<string, string> = { DRAFT: 'Brouillon', PUBLISHED: 'Publiée' };
export const kindLabels: Record<string, string> = { apartment: 'Appartement', house: 'Maison' };
export const accessibilityLabels: Record<string, string> = {
  standard: 'Non aménagé',
  accessible: 'Accessible aux personnes à mobilité réduite',
  adapted: 'Adapté au fauteuil roulant',
};
export const importStatusLabels: Record<string, string> = {
  AWAITING_UPLOAD: 'En attente du fichier',
  RECEIVED: 'Fichier reçu',
  IMPORTING: 'Import en cours',
  DONE: 'Terminé',
  FAILED: 'Fichier refusé',
};

/** The label of each offer field, as the form shows it (the error summary links to it). */
export const offerFieldLabels: Record<string, string> = {
  externalReference: 'Référence',
  residenceName: 'Nom de la résidence',
  address: 'Adresse',
  postalCode: 'Code postal',
  commune: 'Commune (code INSEE)',
  kind: 'Type de logement',
  typology: 'Typologie',
  rooms: 'Nombre de pièces',
  bedrooms: 'Nombre de chambres',
  surfaceM2: 'Surface (m²)',
  floor: 'Étage',
  elevator: 'Ascenseur',
  accessibility: 'Accessibilité',
  rentEuros: 'Loyer mensuel hors charges (euros)',
  chargesEuros: 'Charges mensuelles (euros)',
  rentWithChargesEuros: 'Loyer charges comprises',
  depositEuros: 'Dépôt de garantie (euros)',
  energyClass: 'Classe énergie',
  financing: 'Financement',
  availableFrom: 'Disponible à partir du',
  description: 'Description',
  reservedForSirets: 'Réservé aux entreprises (SIRET)',
};

export const fieldLabelOf = (field: string) => offerFieldLabels[field] ?? offerFieldLabels[field.replace(/\.\d+$/, '')];
