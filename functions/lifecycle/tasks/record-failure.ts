import type { LifecycleDeps } from '../lifecycle-context.ts';
import { event } from './task-steps.ts';

/**
 * A step failed after its retries: the failure goes on the offer's history (its error name, not
 * its message, which could quote data) and the execution fails; the reconciler resumes it.
 */
export async function recordFailure(deps: LifecycleDeps, input: { offerId: string; error?: string }): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.transact([
    deps.store.items.event(event(input.offerId, at, 'LIFECYCLE_FAILED', 'workflow', { error: input.error ?? 'unknown' })),
  ]);
}
