import { z } from 'zod';

/**
 * The page cursor is the last key DynamoDB evaluated, as base64url JSON. It is opaque to clients;
 * each route's Query fixes the partition, so a cursor only positions a read inside the caller's own.
 */
export const pageCursorSchema = z
  .string()
  .max(2048)
  .transform((text, ctx) => {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      const key = z.record(z.string(), z.string()).safeParse(decoded);
      if (key.success && Object.keys(key.data).length > 0) return key.data;
    } catch (error) {
      // Not JSON: reported below; anything else is a bug.
      if (!(error instanceof SyntaxError)) throw error;
    }
    ctx.addIssue({ code: 'custom', message: 'Curseur de pagination invalide.' });
    return z.NEVER;
  })
  .meta({ description: 'Curseur opaque renvoyé par la page précédente' });

export const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');
