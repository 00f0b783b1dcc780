import { z } from 'zod';

/**
 * Every environment variable the functions read. Declared apart from `config.ts` (which reads
 * them at import) so that the CDK stacks and the local cloud can use the list without side effects.
 */
export const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  EMAIL_FROM: z.email(),
  /** Base URL of the web application; e-mail links point there. */
  APP_URL: z.url(),
  /** Path-style S3 URLs: required by the local S3 stand-in, false on AWS. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

export type FunctionEnvironment = z.input<typeof environmentSchema>;
export const functionEnvironmentKeys = Object.keys(environmentSchema.shape) as (keyof FunctionEnvironment)[];
