import type { Application } from '../api/use-applications.ts';

/** Each status of an application, as the applicant reads it. */
export const statusLabels: Record<Application['status'], string> = {
  SUBMITTED: 'Candidature déposée',
  WITHDRAWN: 'Candidature retirée',
  NOT_SELECTED: 'Non retenue',
  SELECTED: 'Retenue pour la commission',
  RANKED: 'Classée par la commission',
  EXCLUDED: 'Écartée par la commission',
  OFFERED: 'Logement proposé : à vous de répondre',
  ACCEPTED: 'Logement accepté',
  DECLINED: 'Logement refusé',
  EXPIRED: 'Délai de réponse dépassé',
  ATTRIBUTED_TO_OTHER: 'Attribué à un autre candidat',
  OFFER_UNFILLED: 'Offre non pourvue',
  NOT_ELIGIBLE_AT_CLOSE: 'Non notée : conditions non remplies à la clôture',
  NOT_ELIGIBLE_AT_ROUND: 'Écartée du tour suivant : conditions non remplies',
};

/** « T2 – Les Tilleuls – Lyon 3e Arrondissement ». */
export const offerTitle = (offer: Application['offer']) =>
  [offer.typology, offer.residenceName, offer.communeName ?? offer.commune].filter(Boolean).join(' – ');
