/**
 * The credentials of a deployed function: Lambda puts its role's temporary credentials in the
 * environment of every execution environment, so the SDK's default chain (shared files, SSO, web
 * identity, instance metadata...: about 100 KB of minified code and its own STS and SSO clients)
 * always stops at its first link there. The functions' bundles take this module in its place
 * (esbuild alias, lib/constructs/service-function.ts); the local cloud and the tests run the
 * sources, with the SDK's own chain.
 */
interface EnvironmentCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Same name and shape as `@aws-sdk/credential-provider-node`'s export, which the SDK clients import. */
export const defaultProvider =
  (_init?: unknown, env: NodeJS.ProcessEnv = process.env) =>
  async (): Promise<EnvironmentCredentials> => {
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
    if (!accessKeyId || !secretAccessKey)
      throw new Error('No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
    return {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
    };
  };
