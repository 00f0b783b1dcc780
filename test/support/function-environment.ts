/**
 * What a deployed function finds in its environment, with values that reach nothing: for unit tests
 * of modules that read the functions' configuration when they are imported (functions/shared/config.ts).
 * Call it in `vi.hoisted`, before those modules are imported.
 */
export function useFunctionEnvironment(extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    TABLE_NAME: 'unused',
    BUCKET_NAME: 'unused',
    USER_POOL_ID: 'eu-west-3_unused',
    USER_POOL_CLIENT_ID: 'unused',
    EMAIL_FROM: 'no-reply@example.org',
    APP_URL: 'https://logement.example.org',
    S3_FORCE_PATH_STYLE: 'false',
    OFFER_LIFECYCLE_ARN: 'arn:aws:states:eu-west-3:000000000000:stateMachine:unused',
    APPLICATION_WINDOW: 'P7D',
    COMMISSION_DEADLINE: 'P30D',
    COMMISSION_GRACE: 'P7D',
    ACCEPTANCE_PERIOD: 'P14D',
    ...extra,
  });
}
