import { z } from 'zod';

/**
 * Every environment variable the functions read, parsed once at cold start. A missing or
 * malformed variable stops the function at load time with the variable's name, instead of
 * failing later with a confusing SDK error. The CDK service-function construct and the local
 * cloud both set the full list (see `functionEnvironmentKeys`).
 */
const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  EMAIL_FROM: z.email(),
  /** Path-style S3 URLs: required by the local S3 stand-in, false on AWS. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

export type FunctionEnvironment = z.input<typeof environmentSchema>;
export const functionEnvironmentKeys = Object.keys(environmentSchema.shape) as (keyof FunctionEnvironment)[];

function readConfig() {
  const parsed = environmentSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid function environment: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  return {
    tableName: env.TABLE_NAME,
    bucketName: env.BUCKET_NAME,
    userPoolId: env.USER_POOL_ID,
    userPoolClientId: env.USER_POOL_CLIENT_ID,
    emailFrom: env.EMAIL_FROM,
    s3ForcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
}

export type Config = ReturnType<typeof readConfig>;
export const config: Config = readConfig();
