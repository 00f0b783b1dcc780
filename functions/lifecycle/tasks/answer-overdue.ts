import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import { event, LifecycleNotReady } from './task-steps.ts';

/**
 * The candidate did not answer in time: the proposal expires (the application frees its place,
 * the candidate is told) and the workflow goes to the next candidate. An answer already stored
 * (given just before the deadline) wins and is returned as is.
 */
export async function answerOverdue(deps: LifecycleDeps, input: { offerId: string; employeeId: string }): Promise<{ answer: string }> {
  const read = async () => (await deps.store.applicationsOf(input.offerId, [input.employeeId])).get(input.employeeId);
  const application = await read();
  if (!application) return { answer: 'WITHDRAWN' };
  if (application.status !== 'OFFERED') return { answer: application.status };
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const expired = await deps.store.transact([
    items.moveApplication(application, ['OFFERED'], 'EXPIRED', { updatedAt: at }),
    items.releasePlace(application.employeeId),
    items.notification(applicantEmail(application, 'application-expired', {}, at, deps.appUrl)),
    items.event(
      event(input.offerId, at, 'CANDIDATE_EXPIRED', 'timer', { applicationId: application.employeeId, position: application.position }),
    ),
  ]);
  if (expired) return { answer: 'EXPIRED' };
  const now = (await read())?.status ?? 'WITHDRAWN';
  // Still offered after a refused expiry (the profile went first in an erasure under way): tried
  // again later rather than offered again, which would loop on an already passed deadline.
  if (now === 'OFFERED') throw new LifecycleNotReady(`The offer to a candidate of ${input.offerId} could not expire; retrying`);
  return { answer: now };
}
