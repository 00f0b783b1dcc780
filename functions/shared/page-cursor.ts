import * as z from 'zod';

/** Text → base64url without padding, as Node's `Buffer#toString('base64url')`; browser-safe (no `Buffer`). */
export function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) → text; `undefined` when it is not base64. */
export function fromBase64Url(encoded: string): string | undefined {
  let binary: string;
  try {
    binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined; // not base64: the caller reports an invalid cursor
  }
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** The one message for a cursor that does not read, or that DynamoDB or the route refuses (`page-read.ts`). */
export const invalidCursorMessage = 'Curseur de pagination invalide.';

/**
 * The page cursor is the last key DynamoDB evaluated, as base64url JSON. It is opaque to clients;
 * each route's Query fixes the partition, so a cursor only positions a read inside the caller's own.
 */
export const pageCursorSchema = z
  .string()
  .max(2048)
  .transform((text, ctx) => {
    try {
      const decoded: unknown = JSON.parse(fromBase64Url(text) ?? '');
      const key = z.record(z.string(), z.string()).safeParse(decoded);
      if (key.success && Object.keys(key.data).length > 0) return key.data;
    } catch (error) {
      // Not JSON: reported below; anything else is a bug.
      if (!(error instanceof SyntaxError)) throw error;
    }
    ctx.addIssue({ code: 'custom', message: invalidCursorMessage });
    return z.NEVER;
  })
  .meta({ description: 'Curseur opaque renvoyé par la page précédente' });

export const encodeCursor = (key: Record<string, unknown>) => toBase64Url(JSON.stringify(key));

/** The query of a paginated list: a page size and the previous page's cursor. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'Taille de page attendue (nombre).' })
    .int('Taille de page attendue (nombre entier).')
    .min(1, 'Au moins 1 par page.')
    .max(100, 'Au plus 100 par page.')
    .default(20)
    .meta({ description: 'Taille de page (1 à 100, 20 par défaut)' }),
  cursor: pageCursorSchema.optional(),
});
export type PageQuery = z.output<typeof pageQuerySchema>;
