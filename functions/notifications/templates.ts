import type { TemplateName } from './outbox.ts';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

type Renderer = (params: Record<string, string>) => RenderedEmail;

const signature = '\n\n— La plateforme logement des salariés';

/** French e-mail templates, one per notification kind. Params are plain strings from the outbox item. */
export const templates: Record<TemplateName, Renderer> = {
  'company-declared': (params) => ({
    subject: 'Votre entreprise est déclarée sur la plateforme logement',
    text:
      `Bonjour,\n\nL’entreprise ${params.companyName ?? ''} (SIRET ${params.siret ?? ''}) est désormais déclarée ` +
      'sur la plateforme. Vos salariés peuvent s’inscrire avec ce SIRET pour candidater aux offres de logement social.' +
      signature,
  }),
};
