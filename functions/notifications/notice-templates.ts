import { signature, type Renderer } from './rendered-email.ts';

/**
 * French e-mails that confirm what a person just did, or tell what another decided about them:
 * "Je postule", a withdrawal and a decline confirmed; HR's decision on the employment; HR told
 * of employees awaiting confirmation; a document of the file about to expire. Params are plain strings written with the outbox item.
 */
export const noticeTemplateNames = [
  'application-submitted',
  'application-withdrawn',
  'application-declined',
  'employment-confirmed',
  'employment-rejected',
  'hr-employees-pending',
  'document-expiring',
] as const;
export type NoticeTemplateName = (typeof noticeTemplateNames)[number];

const hello = (params: Record<string, string>) => `Bonjour${params.firstName ? ` ${params.firstName}` : ''},\n\n`;

export const noticeTemplates: Record<NoticeTemplateName, Renderer> = {
  'application-submitted': (p) => ({
    subject: `Votre candidature au logement ${p.offer ?? ''} est enregistrée`,
    text: `${hello(p)}Votre candidature au logement ${p.offer ?? ''} est enregistrée. Les candidatures sont ouvertes jusqu’au ${p.closesOn ?? ''} ; vous pouvez retirer la vôtre jusque-là. Après la clôture, le robot classe les dossiers et vous êtes prévenu(e) du résultat par e-mail.\n\nVos candidatures : ${p.link ?? ''}${signature}`,
  }),
  'application-withdrawn': (p) => ({
    subject: `Vous avez retiré votre candidature au logement ${p.offer ?? ''}`,
    text: `${hello(p)}Votre candidature au logement ${p.offer ?? ''} est retirée : elle ne sera pas examinée. Tant que les candidatures sont ouvertes (jusqu’au ${p.closesOn ?? ''}), vous pouvez candidater à nouveau.\n\nVos candidatures : ${p.link ?? ''}${signature}`,
  }),
  'application-declined': (p) => ({
    subject: `Vous avez refusé le logement ${p.offer ?? ''}`,
    text: `${hello(p)}Votre refus du logement ${p.offer ?? ''} est enregistré : il est proposé au candidat suivant. Vous pouvez candidater à d’autres offres.\n\nVos candidatures : ${p.link ?? ''}${signature}`,
  }),
  'employment-confirmed': (p) => ({
    subject: 'Votre employeur a confirmé votre emploi',
    text: `${hello(p)}${p.companyName ?? 'Votre employeur'} a confirmé que vous faites partie de ses salariés. Si votre dossier est complet, vous pouvez candidater aux offres de logement.\n\nVotre dossier : ${p.link ?? ''}${signature}`,
  }),
  'employment-rejected': (p) => ({
    subject: 'Votre employeur n’a pas confirmé votre emploi',
    text: `${hello(p)}${p.companyName ?? 'Votre employeur'} n’a pas confirmé que vous faites partie de ses salariés${p.reason ? ` (motif : ${p.reason})` : ''}. Tant que votre emploi n’est pas confirmé, vous ne pouvez pas candidater. En cas d’erreur, contactez le service RH de votre entreprise.\n\nVotre dossier : ${p.link ?? ''}${signature}`,
  }),
  'document-expiring': (p) => ({
    subject: `Votre dossier : « ${p.document ?? ''} » ne sera plus valable le ${p.expiresOn ?? ''}`,
    text: `${hello(p)}Le document « ${p.document ?? ''} » de votre dossier, reçu le ${p.receivedOn ?? ''}, ne sera plus valable à partir du ${p.expiresOn ?? ''}. Déposez-en un plus récent avant cette date : sans lui, votre dossier deviendra incomplet et vous ne pourrez plus candidater aux offres de logement.\n\nVos documents : ${p.link ?? ''}${signature}`,
  }),
  'hr-employees-pending': (p) => ({
    subject: `${p.count ?? ''} salarié(s) attendent votre confirmation`,
    text: `Bonjour,\n\n${p.count ?? ''} salarié(s) de ${p.companyName ?? 'votre entreprise'} se sont inscrit(e)s sur la plateforme logement et attendent que vous confirmiez leur emploi :\n\n${p.employees ?? ''}\n\nSans confirmation, ils ne peuvent pas candidater aux offres de logement.\n\nConfirmer ou refuser : ${p.link ?? ''}${signature}`,
  }),
};
