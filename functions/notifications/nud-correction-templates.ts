import { signature, type Renderer } from './rendered-email.ts';

/** The employee is told that the platform corrected the first-registration date of the NUD (issue 13, item 3). */
export const nudCorrectionTemplateNames = ['nud-date-corrected'] as const;
type NudCorrectionTemplateName = (typeof nudCorrectionTemplateNames)[number];

export const nudCorrectionTemplates: Record<NudCorrectionTemplateName, Renderer> = {
  'nud-date-corrected': (p) => ({
    subject: 'La date de première inscription de votre demande de logement a été corrigée',
    text:
      `Bonjour${p.firstName ? ` ${p.firstName}` : ''},\n\nLa plateforme a corrigé la date de première inscription de votre ` +
      `demande de logement social (numéro unique ${p.nud ?? ''}) : ${p.from ?? 'non déclarée'} → ${p.to ?? ''}, au vu de ` +
      `l’attestation d’enregistrement.\n\nMotif : ${p.reason ?? ''}\n\nCette date fixe l’ancienneté de votre demande dans ` +
      `le score de vos prochaines candidatures. En cas de désaccord, répondez à ce message avec votre attestation.\n\n` +
      `Votre situation : ${p.link ?? ''}${signature}`,
  }),
};
