import { signature, type RenderedEmail } from './rendered-email.ts';

/**
 * French e-mails of the offer lifecycle (rule R11: applicants are told what happens: selected or
 * not, ranked, offered, expired, attributed; the landlord is told what it must do and how it ends).
 * Params are plain strings written by the lifecycle with its outbox items; no score or personal
 * detail beyond the recipient's own.
 */
export const lifecycleTemplateNames = [
  'application-selected',
  'application-not-selected',
  'application-ranked',
  'application-excluded',
  'application-offered',
  'application-accepted',
  'application-expired',
  'application-attributed-to-other',
  'application-offer-unfilled',
  'application-not-eligible-at-close',
  'application-in-reserve',
  'application-selected-next-round',
  'application-not-eligible-next-round',
  'commission-files-ready',
  'commission-reminder',
  'commission-robot-order-kept',
  'commission-next-round',
  'offer-attributed',
  'offer-unfilled',
] as const;
export type LifecycleTemplateName = (typeof lifecycleTemplateNames)[number];

const hello = (params: Record<string, string>) => `Bonjour${params.firstName ? ` ${params.firstName}` : ''},\n\n`;
const mine = (params: Record<string, string>) => `\n\nDétail, score et rang : ${params.link ?? ''}`;

export const lifecycleTemplates: Record<LifecycleTemplateName, (params: Record<string, string>) => RenderedEmail> = {
  'application-selected': (p) => ({
    subject: `Votre candidature est retenue pour le logement ${p.offer ?? ''}`,
    text: `${hello(p)}Votre candidature au logement ${p.offer ?? ''} fait partie des ${p.selectedCount ?? ''} dossiers retenus (score ${p.score ?? ''}, rang ${p.position ?? ''}). Elle est transmise à la commission d’attribution du bailleur, qui classera les dossiers.${mine(p)}${signature}`,
  }),
  'application-not-selected': (p) => ({
    subject: `Votre candidature au logement ${p.offer ?? ''} n’est pas retenue`,
    text: `${hello(p)}Votre candidature au logement ${p.offer ?? ''} n’est pas retenue : votre score est de ${p.score ?? ''} points, au rang ${p.position ?? ''} ; seuls les ${p.selectedCount ?? ''} meilleurs dossiers vont en commission. Vous pouvez candidater à d’autres offres.${mine(p)}${signature}`,
  }),
  'application-ranked': (p) => ({
    subject: `La commission a classé votre candidature : rang ${p.position ?? ''}`,
    text: `${hello(p)}La commission d’attribution a classé votre candidature au logement ${p.offer ?? ''} au rang ${p.position ?? ''}. Le logement est proposé aux candidats dans l’ordre du classement ; vous serez prévenu(e) par e-mail si c’est votre tour.${mine(p)}${signature}`,
  }),
  'application-excluded': (p) => ({
    subject: `La commission n’a pas retenu votre candidature au logement ${p.offer ?? ''}`,
    text: `${hello(p)}La commission d’attribution n’a pas retenu votre candidature au logement ${p.offer ?? ''}. Motif : ${p.reason ?? 'non précisé'}.${mine(p)}${signature}`,
  }),
  'application-offered': (p) => ({
    subject: `Le logement ${p.offer ?? ''} vous est proposé : répondez avant le ${p.deadline ?? ''}`,
    text: `${hello(p)}Le logement ${p.offer ?? ''} vous est proposé. Vous avez jusqu’au ${p.deadline ?? ''} pour l’accepter ou le refuser ; sans réponse, il sera proposé au candidat suivant.\n\nRépondre : ${p.link ?? ''}${signature}`,
  }),
  'application-accepted': (p) => ({
    subject: `Vous avez accepté le logement ${p.offer ?? ''}`,
    text: `${hello(p)}Votre acceptation du logement ${p.offer ?? ''} est enregistrée. Le bailleur vous contactera pour la signature du bail.${signature}`,
  }),
  'application-expired': (p) => ({
    subject: `Le délai de réponse pour le logement ${p.offer ?? ''} est dépassé`,
    text: `${hello(p)}Vous n’avez pas répondu à temps à la proposition du logement ${p.offer ?? ''} : elle a expiré et le logement est proposé au candidat suivant.${mine(p)}${signature}`,
  }),
  'application-attributed-to-other': (p) => ({
    subject: `Le logement ${p.offer ?? ''} est attribué à un autre candidat`,
    text: `${hello(p)}Le logement ${p.offer ?? ''} a été attribué à un autre candidat. Votre sélection sera prise en compte dans le score de vos prochaines candidatures.${mine(p)}${signature}`,
  }),
  'application-offer-unfilled': (p) => ({
    subject: `Le logement ${p.offer ?? ''} n’est finalement pas attribué`,
    text: `${hello(p)}La procédure d’attribution du logement ${p.offer ?? ''} s’est terminée sans attribution. Vous pouvez candidater à d’autres offres.${mine(p)}${signature}`,
  }),
  'application-not-eligible-at-close': (p) => ({
    subject: `Votre candidature au logement ${p.offer ?? ''} n’a pas pu être notée`,
    text: `${hello(p)}La période de candidature du logement ${p.offer ?? ''} est close. Avant de noter les dossiers, nous vérifions de nouveau chacun d’eux ; le vôtre ne remplissait plus les conditions à la clôture :\n${p.reasons ?? ''}\n\nVotre candidature n’a donc pas été notée. Mettez votre dossier à jour pour vos prochaines candidatures.${mine(p)}${signature}`,
  }),
  'application-in-reserve': (p) => ({
    subject: `Votre candidature au logement ${p.offer ?? ''} est en réserve`,
    text: `${hello(p)}Votre candidature au logement ${p.offer ?? ''} n’est pas parmi les ${p.selectedCount ?? ''} dossiers transmis à la commission (score ${p.score ?? ''} points, rang ${p.position ?? ''}). Elle reste en réserve : si aucun de ces dossiers n’aboutit, les dossiers suivants pourront être transmis à la commission lors d’un tour suivant. Vous ne serez prévenu(e) que si c’est le cas ; en attendant, vous pouvez candidater à d’autres offres.${mine(p)}${signature}`,
  }),
  'application-selected-next-round': (p) => ({
    subject: `${p.round === '2' ? 'Second tour' : `Tour ${p.round ?? ''}`} : votre candidature au logement ${p.offer ?? ''} va en commission`,
    text: `${hello(p)}Aucun des dossiers du tour précédent n’a abouti pour le logement ${p.offer ?? ''}. Votre dossier, en réserve au rang ${p.position ?? ''}, fait partie des ${p.selectedCount ?? ''} dossiers transmis à la commission pour le tour ${p.round ?? ''}. Elle classera les dossiers ; vous serez prévenu(e) par e-mail.${mine(p)}${signature}`,
  }),
  'application-not-eligible-next-round': (p) => ({
    subject: `Votre candidature au logement ${p.offer ?? ''} ne passe pas au tour ${p.round ?? ''}`,
    text: `${hello(p)}Aucun des dossiers du tour précédent n’a abouti pour le logement ${p.offer ?? ''}, et votre dossier, en réserve, pouvait être transmis à la commission pour le tour ${p.round ?? ''}. Avant de le transmettre, nous l’avons vérifié de nouveau ; il ne remplissait plus les conditions :\n${p.reasons ?? ''}\n\nIl n’est donc pas transmis. Mettez votre dossier à jour pour vos prochaines candidatures.${mine(p)}${signature}`,
  }),
  'commission-next-round': (p) => ({
    subject: `Offre ${p.reference ?? ''} : tour ${p.round ?? ''}, ${p.selectedCount ?? ''} dossier(s) à classer`,
    text: `Bonjour,\n\nAucun candidat du tour précédent n’a pris le logement de l’offre ${p.reference ?? ''} (${p.offer ?? ''}). Les ${p.selectedCount ?? ''} dossier(s) suivants du robot sont transmis à la commission (tour ${p.round ?? ''}). Merci de transmettre son classement avant le ${p.deadline ?? ''}.\n\nDossiers : ${p.link ?? ''}${signature}`,
  }),
  'commission-files-ready': (p) => ({
    subject: `Offre ${p.reference ?? ''} : ${p.selectedCount ?? ''} dossier(s) à classer en commission`,
    text: `Bonjour,\n\nLa période de candidature de l’offre ${p.reference ?? ''} (${p.offer ?? ''}) est close : ${p.applicants ?? ''} candidature(s), ${p.selectedCount ?? ''} dossier(s) retenu(s) par le robot. Merci de transmettre le classement de la commission avant le ${p.deadline ?? ''}.\n\nDossiers : ${p.link ?? ''}${signature}`,
  }),
  'commission-reminder': (p) => ({
    subject: `Rappel : classement attendu pour l’offre ${p.reference ?? ''}`,
    text: `Bonjour,\n\nLe délai de la commission pour l’offre ${p.reference ?? ''} (${p.offer ?? ''}) est dépassé. Sans classement avant le ${p.deadline ?? ''}, le logement sera proposé aux candidats dans l’ordre du robot.\n\nDossiers : ${p.link ?? ''}${signature}`,
  }),
  'commission-robot-order-kept': (p) => ({
    subject: `Offre ${p.reference ?? ''} : l’ordre du robot est retenu`,
    text: `Bonjour,\n\nFaute de classement de la commission, le logement de l’offre ${p.reference ?? ''} (${p.offer ?? ''}) est proposé aux candidats dans l’ordre du robot.${signature}`,
  }),
  'offer-attributed': (p) => ({
    subject: `Offre ${p.reference ?? ''} : logement attribué`,
    text: `Bonjour,\n\nLe candidat classé au rang ${p.position ?? ''} a accepté le logement de l’offre ${p.reference ?? ''} (${p.offer ?? ''}).\n\nHistorique : ${p.link ?? ''}${signature}`,
  }),
  'offer-unfilled': (p) => ({
    subject: `Offre ${p.reference ?? ''} : logement non pourvu`,
    text: `Bonjour,\n\nL’offre ${p.reference ?? ''} (${p.offer ?? ''}) se termine sans attribution : ${p.reason ?? ''}. Vous pouvez la republier pour une nouvelle période de candidature.\n\nHistorique : ${p.link ?? ''}${signature}`,
  }),
};
