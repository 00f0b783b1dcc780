import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import { addSeconds, deadlineText, event, LifecycleNotReady, recordOf, secondsUntil } from './task-steps.ts';

/**
 * Offers the dwelling to the next ranked candidate (R10).
 * 1. The candidate offered now still has the offer (a retry): the same candidate.
 * 2. Otherwise the first candidate after the current one whose application is still RANKED
 *    (an erased account or a withdrawn file is skipped, and the skip recorded).
 * 3. One transaction: the record names the candidate and the deadline, the application becomes
 *    OFFERED, the e-mail, the event. Nobody left: no candidate (the workflow marks the offer unfilled).
 */
export async function offerNextCandidate(
  deps: LifecycleDeps,
  input: { offerId: string; acceptanceSeconds: number },
): Promise<{ employeeId?: string; secondsLeft?: number }> {
  const { offerId } = input;
  const record = await recordOf(deps, offerId);
  if (record.stage !== 'OFFERING') return {};
  const ranking = record.ranking ?? [];
  const applications = await deps.store.applicationsOf(offerId, ranking);
  if (record.candidate && ['OFFERED', 'ACCEPTED'].includes(applications.get(record.candidate)?.status ?? '')) {
    // A retry or a resumed execution: the candidate keeps the deadline he was given.
    return { employeeId: record.candidate, secondsLeft: secondsUntil(record.offeredUntil ?? deps.now().toISOString(), deps.now()) };
  }
  const from = record.candidateIndex === undefined ? 0 : record.candidateIndex + 1;
  const index = ranking.findIndex((id, position) => position >= from && applications.get(id)?.status === 'RANKED');
  const employeeId = index === -1 ? undefined : ranking[index];
  const application = employeeId === undefined ? undefined : applications.get(employeeId);
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const skipped = ranking.slice(from, index === -1 ? undefined : index);
  const skipEvents = skipped.map((id) =>
    items.event(
      event(offerId, at, 'CANDIDATE_SKIPPED', 'workflow', { applicationId: id, status: applications.get(id)?.status ?? 'ERASED' }),
    ),
  );
  const seen =
    record.candidateIndex === undefined
      ? { expression: '#stage = :offering AND attribute_not_exists(candidateIndex)', values: { ':offering': 'OFFERING' } }
      : {
          expression: '#stage = :offering AND candidateIndex = :seen',
          values: { ':offering': 'OFFERING', ':seen': record.candidateIndex },
        };

  if (employeeId === undefined || !application) {
    if (skipped.length > 0) {
      await deps.store.transact([
        items.updateRecord(
          offerId,
          { set: { candidateIndex: ranking.length - 1, updatedAt: at }, remove: ['candidate', 'candidateToken', 'offeredUntil'] },
          seen,
        ),
        ...skipEvents,
      ]);
    }
    return {};
  }
  const offeredUntil = addSeconds(deps.now(), input.acceptanceSeconds);
  const written = await deps.store.transact([
    items.updateRecord(
      offerId,
      { set: { candidate: employeeId, candidateIndex: index, offeredUntil, updatedAt: at }, remove: ['candidateToken'] },
      seen,
    ),
    items.moveApplication(application, ['RANKED'], 'OFFERED', { offeredUntil, updatedAt: at }),
    items.notification(applicantEmail(application, 'application-offered', { deadline: deadlineText(offeredUntil) }, at, deps.appUrl)),
    items.event(event(offerId, at, 'CANDIDATE_OFFERED', 'workflow', { applicationId: employeeId, position: index + 1, offeredUntil })),
    ...skipEvents,
  ]);
  if (!written) throw new LifecycleNotReady('The offer changed while choosing the next candidate; retrying');
  return { employeeId, secondsLeft: input.acceptanceSeconds };
}
