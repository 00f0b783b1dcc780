import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startLocalCloud, type LocalCloudOptions } from '#local/cloud.ts';
import { freePorts } from '#local/ports.ts';
import { webRoot } from '#local/web-build.ts';
import { useCloud } from './api.ts';
import { launchBrowser } from './browser.ts';

/**
 * A local cloud of the test file's own: its own table, stream poller, scheduler and mailbox, so
 * that what it runs sees only the file's data. For the files whose jobs scan the table (NUD
 * expiry, new-offer alerts, the lifecycle reconciler), which on the run's shared cloud would act
 * on every file's employees and offers, and for lifecycle durations in seconds (the shared cloud
 * keeps the production ones). Like the shared one, it runs jobs only when asked.
 * The file runs in its own process (vitest forks), so the in-process handlers read this cloud's
 * configuration: the file must not import a `*-deps.ts` module (which reads it at import) before
 * the cloud started. The helpers of api.ts talk to this cloud until `stop`.
 */
export async function startOwnCloud(options: Pick<LocalCloudOptions, 'durations' | 'selectionRounds' | 'webRoot'> = {}) {
  const local = await startLocalCloud({
    ports: await freePorts(),
    seed: true,
    cron: false,
    ...options,
  });
  useCloud({
    api: local.urls.api,
    mailbox: local.urls.ses,
    environment: local.environment,
    demoPassword: local.demoPassword,
    demoAccounts: local.demoAccounts.map(({ key, email }) => ({ key, email })),
  });
  return {
    local,
    stop: async () => {
      useCloud(undefined);
      await local.stop();
    },
  };
}

type OwnCloud = Awaited<ReturnType<typeof startOwnCloud>>;

/**
 * Lifecycle durations in which an offer's window closes in `seconds` (the shared cloud keeps 7
 * days), and the commission's and the candidates' periods last long enough that only the test
 * moves the offer further.
 */
export const windowOfSeconds = (seconds: number) =>
  ({ applicationWindow: `PT${seconds}S`, commissionDeadline: 'PT10M', commissionGrace: 'PT10M', acceptancePeriod: 'PT10M' }) as const;

/**
 * A browser file's setup: a cloud of its own whose gateway serves the web app, and a browser, both
 * started (together) before the file's tests and closed after them. The getter gives a test the browser.
 */
export function webCloudOfFile(options: Pick<LocalCloudOptions, 'durations'> = {}): () => Browser {
  let own: OwnCloud | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [own, browser] = await Promise.all([startOwnCloud({ ...options, webRoot }), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await own?.stop();
  });
  return () => {
    if (!browser) throw new Error('The browser of this file is not started.');
    return browser;
  };
}
