import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '#local/cloud.ts';
import { freePorts } from '#local/ports.ts';
import { ensureWebBuild, webRoot } from '#local/web-build.ts';

export interface CloudContext {
  readonly api: string;
  readonly mailbox: string;
  readonly environment: Record<string, string>;
  readonly demoPassword: string;
  readonly demoAccounts: readonly { key: string; email: string }[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloud: CloudContext;
  }
}

/**
 * Starts one local cloud for the integration tier, on free ports so that it can run beside
 * `npm start` and other runs, and stops it at the end. Its jobs run only when a test asks: a
 * cron run would act on every file's data in the middle of their tests.
 */
export default async function setup(project: TestProject) {
  // The browser tests (test/web) open the built app, served by the cloud's gateway.
  await ensureWebBuild();
  const cloud = await startLocalCloud({
    ports: await freePorts(),
    seed: true,
    cron: false,
    webRoot,
  });
  project.provide('cloud', {
    api: cloud.urls.api,
    mailbox: cloud.urls.ses,
    environment: cloud.environment,
    demoPassword: cloud.demoPassword,
    demoAccounts: cloud.demoAccounts.map(({ key, email }) => ({ key, email })),
  });
  return () => cloud.stop();
}
