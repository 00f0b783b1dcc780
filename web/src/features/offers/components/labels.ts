import type { Tab } from '../api/use-offers.ts';

/** The three tabs (rule R7), as the employee reads them. */
export const tabLabels: Record<Tab, string> = {
  requested: 'Communes demandées',
  neighbouring: 'Communes limitrophes',
  department: 'Autres communes du département',
};

export const housingKindLabels: Record<string, string> = { house: 'Maison', apartment: 'Appartement' };

export const accessibilityLabels: Record<string, string> = {
  standard: 'non aménagé',
  accessible: 'accessible aux personnes à mobilité réduite',
  adapted: 'adapté au fauteuil roulant',
};

/** « T2 – Les Tilleuls – Lyon 3e Arrondissement ». */
export const offerTitle = (offer: { typology: string; residenceName?: string; communeName?: string; commune: string }) =>
  [offer.typology, offer.residenceName, offer.communeName ?? offer.commune].filter(Boolean).join(' – ');
