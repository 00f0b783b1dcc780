import { lifecycleReconcilerDeps } from '../lifecycle-reconciler-deps.ts';
import { runLifecycleReconciler } from '../lifecycle-reconciler-job.ts';
import { scheduledJobHandler } from '../scheduled-job.ts';

/** The lifecycle reconciler schedule (`lifecycleReconciler` in the schedule table). */
export const handler = scheduledJobHandler('LifecycleReconciler', (now, timeLeft) =>
  runLifecycleReconciler(lifecycleReconcilerDeps, now, timeLeft),
);
