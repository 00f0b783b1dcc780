import { environmentSchema } from './environment.ts';

/**
 * The functions' configuration, parsed once at cold start. A missing or malformed variable stops
 * the function at load time with the variable's name, instead of failing later with a confusing
 * SDK error. The CDK service-function construct and the local cloud both set the full list.
 */
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
    appUrl: env.APP_URL.replace(/\/$/, ''),
    s3ForcePathStyle: env.S3_FORCE_PATH_STYLE,
    offerLifecycleArn: env.OFFER_LIFECYCLE_ARN,
    lifecycleDurations: {
      applicationWindow: env.APPLICATION_WINDOW,
      commissionDeadline: env.COMMISSION_DEADLINE,
      commissionGrace: env.COMMISSION_GRACE,
      acceptancePeriod: env.ACCEPTANCE_PERIOD,
    },
    selectionRounds: env.SELECTION_ROUNDS,
  };
}

export type Config = ReturnType<typeof readConfig>;
export const config: Config = readConfig();
