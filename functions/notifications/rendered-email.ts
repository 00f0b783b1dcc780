/** What a template makes of an outbox item's params: a French e-mail. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

export type Renderer = (params: Record<string, string>) => RenderedEmail;

/** Closes every e-mail the service sends. */
export const signature = '\n\n— La plateforme logement des salariés';
