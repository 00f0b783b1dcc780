import { defineConfig } from 'vitest/config';

/**
 * Two tiers, told apart by the file name (docs/decisions.md, 2026-12-03):
 * - `unit`: rules, schemas, CDK assertions, local stand-ins that start in-process; no local
 *   cloud, no Java. `npm run test:unit`.
 * - `integration` (`*.int.test.ts`): the local cloud, DynamoDB Local, real HTTP. The run's
 *   shared cloud is started by its global setup only. `npm run test:integration`.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          // Tests wait on conditions (a window of seconds closing, a browser page, a process
          // ready); on 2 busy cores a lifecycle in a browser takes 20–60 s. The ceiling only
          // bounds a failure, it times nothing.
          testTimeout: 120_000,
          // Files share one local cloud, each with its own data (unique SIRETs, ids); the files
          // that run scanning jobs start a cloud of their own (test/support/own-cloud.ts).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
