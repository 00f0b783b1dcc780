import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { calendarDayIn, timeZone } from '#shared/calendar.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import { event, LifecycleNotReady, publishedOffer, recordOf, stillWaiting, toLandlord, unlessEnded } from './task-steps.ts';

/**
 * The candidate accepted: the offer is attributed (R10). One transaction: the record ends, the
 * offer leaves the reconciler's list, every other candidate still waiting is told (and keeps the
 * "earlier selection" bonus for later offers), the landlord is told, the event.
 */
export async function attribute(deps: LifecycleDeps, offerId: string): Promise<void> {
  const record = await recordOf(deps, offerId);
  if (record.stage === 'ATTRIBUTED') return;
  if (record.stage !== 'OFFERING' || !record.candidate) throw new LifecycleNotReady(`Offer ${offerId} has no candidate to attribute to`);
  const offer = await publishedOffer(deps, offerId);
  const applications = await deps.store.applicationsOf(offerId, [...record.selected, ...(record.ranking ?? [])]);
  const accepted = applications.get(record.candidate);
  if (accepted?.status !== 'ACCEPTED') throw new LifecycleNotReady(`The candidate of offer ${offerId} has not accepted`);
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const today = calendarDayIn(timeZone, deps.now());
  const others = stillWaiting(record, applications, record.candidate);
  const mails = await toLandlord(deps, offer, 'offer-attributed', { position: String(accepted.position ?? '') }, at);
  const attributed = await deps.store.transact([
    items.updateRecord(
      offerId,
      { set: { stage: 'ATTRIBUTED', attributedTo: record.candidate, endedAt: at, updatedAt: at }, remove: ['candidateToken'] },
      {
        expression: '#stage = :offering',
        values: { ':offering': 'OFFERING' },
      },
    ),
    items.endOffer(offerId),
    ...others.flatMap((application) => [
      items.moveApplication(application, ['SELECTED', 'RANKED'], 'ATTRIBUTED_TO_OTHER', { updatedAt: at }),
      items.releasePlace(application.employeeId, today),
      items.notification(applicantEmail(application, 'application-attributed-to-other', {}, at, deps.appUrl)),
    ]),
    items.event(event(offerId, at, 'OFFER_ATTRIBUTED', 'workflow', { applicationId: record.candidate, position: accepted.position })),
    ...mails.map(items.notification),
  ]);
  await unlessEnded(deps, offerId, attributed);
}
