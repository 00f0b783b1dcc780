import { z } from 'zod';

/** Attributes every item carries: its keys and the entity it holds. */
export const itemKeysSchema = z.object({
  PK: z.string(),
  SK: z.string(),
  entity: z.string(),
});
