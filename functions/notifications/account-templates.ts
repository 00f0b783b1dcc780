import { signature, type Renderer } from './rendered-email.ts';

/**
 * French e-mails about the account itself: a lost password. The same request is answered the same
 * way whether the address has an account or not; only the mailbox's owner learns which.
 */
export const accountTemplateNames = ['password-reset', 'password-reset-no-account'] as const;
export type AccountTemplateName = (typeof accountTemplateNames)[number];

export const accountTemplates: Record<AccountTemplateName, Renderer> = {
  'password-reset': (params) => ({
    subject: 'Choisissez un nouveau mot de passe',
    text:
      'Bonjour,\n\nVous avez demandé à réinitialiser le mot de passe de votre compte sur la plateforme logement des ' +
      `salariés. Choisissez-en un nouveau avec ce lien, utilisable une seule fois (valable jusqu’au ${params.validUntil ?? ''}) :\n\n` +
      `${params.link ?? ''}\n\n${params.passwordPolicy ?? ''}\n\n` +
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.' +
      signature,
  }),
  'password-reset-no-account': (params) => ({
    subject: 'Demande de nouveau mot de passe : aucun compte avec cette adresse',
    text:
      'Bonjour,\n\nQuelqu’un a demandé un nouveau mot de passe sur la plateforme logement des salariés pour cette ' +
      'adresse e-mail, mais aucun compte n’y est rattaché. Si vous vous êtes inscrit(e) récemment, suivez le lien de ' +
      'l’e-mail d’inscription pour créer votre compte ; sinon, vous pouvez vous inscrire ici :\n\n' +
      `${params.registerLink ?? ''}\n\n` +
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.' +
      signature,
  }),
};
