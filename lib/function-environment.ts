// Type-only and CDK-free: the local cloud calls this too, and the config module parses process.env when loaded.
import { selectionRounds, type LifecycleDurations } from '#definitions/lifecycle.ts';
import type { FunctionEnvironment } from '#shared/environment.ts';

/** What a stage knows about its resources; the functions receive it as their environment variables. */
export interface FunctionEnvironmentInput {
  readonly tableName: string;
  readonly bucketName: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly emailFrom: string;
  /** Base URL of the web application; e-mail links point there. */
  readonly appUrl: string;
  /** True for the local S3 stand-in only. */
  readonly s3ForcePathStyle: boolean;
  readonly offerLifecycleArn: string;
  readonly durations: LifecycleDurations;
  /** How many selection rounds an offer may have (issue #13 item 6); `selectionRounds` (2) when absent. */
  readonly selectionRounds?: number;
}

/**
 * The functions' environment, built the same way for the CDK stack, the lifecycle synthesized for
 * the local cloud and the local cloud itself: `Required` makes a variable added to the schema fail
 * to compile here until it is given a value.
 */
export function functionEnvironment(input: FunctionEnvironmentInput): Required<FunctionEnvironment> {
  return {
    TABLE_NAME: input.tableName,
    BUCKET_NAME: input.bucketName,
    USER_POOL_ID: input.userPoolId,
    USER_POOL_CLIENT_ID: input.userPoolClientId,
    EMAIL_FROM: input.emailFrom,
    APP_URL: input.appUrl,
    S3_FORCE_PATH_STYLE: input.s3ForcePathStyle ? 'true' : 'false',
    OFFER_LIFECYCLE_ARN: input.offerLifecycleArn,
    APPLICATION_WINDOW: input.durations.applicationWindow,
    COMMISSION_DEADLINE: input.durations.commissionDeadline,
    COMMISSION_GRACE: input.durations.commissionGrace,
    ACCEPTANCE_PERIOD: input.durations.acceptancePeriod,
    SELECTION_ROUNDS: String(input.selectionRounds ?? selectionRounds),
  };
}
