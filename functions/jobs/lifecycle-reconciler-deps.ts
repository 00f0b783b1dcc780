import { lifecycleStarter } from '#offers/lifecycle-starter.ts';
import { dynamodb, sfn } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { jobRunStore } from './job-run-store.ts';
import { lifecycleExecutions } from './lifecycle-reconciler-executions.ts';
import { defaultScoringGraceMs, type LifecycleReconcilerDeps } from './lifecycle-reconciler-job.ts';
import { lifecycleReconcilerStore } from './lifecycle-reconciler-store.ts';

export const lifecycleReconcilerDeps: LifecycleReconcilerDeps = {
  store: lifecycleReconcilerStore(dynamodb, config.tableName),
  executions: lifecycleExecutions(sfn, config.offerLifecycleArn),
  starter: lifecycleStarter(sfn, config.offerLifecycleArn, config.lifecycleDurations, config.selectionRounds),
  runs: jobRunStore(dynamodb, config.tableName),
  scoringGraceMs: defaultScoringGraceMs,
};
