import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { calendarDayIn, timeZone } from '#shared/calendar.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import type { LifecycleRecord } from '../lifecycle-store.ts';
import { event, publishedOffer, recordOf, stillWaiting, toLandlord, unlessEnded } from './task-steps.ts';

/** Why an offer ends unfilled, from its record. */
function unfilledReason(record: LifecycleRecord): string {
  if (record.applicants === 0) return 'aucune candidature';
  if (record.selected.length === 0) return 'aucun dossier recevable';
  if ((record.ranking ?? []).length === 0) return 'tous les dossiers ont été écartés par la commission';
  const rounds = record.round ?? 1;
  return rounds > 1 ? `aucun candidat n’a accepté le logement en ${rounds} tours` : 'aucun candidat classé n’a accepté le logement';
}

/**
 * Nobody applied, everybody was excluded, or nobody left accepted: the offer ends unfilled. The
 * candidates still waiting and the landlord are told. An attributed offer is never unfilled.
 */
export async function markUnfilled(deps: LifecycleDeps, offerId: string): Promise<void> {
  const record = await recordOf(deps, offerId);
  if (record.stage === 'UNFILLED' || record.stage === 'ATTRIBUTED') return;
  const offer = await publishedOffer(deps, offerId);
  const applications = await deps.store.applicationsOf(offerId, [...record.selected, ...(record.ranking ?? [])]);
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const today = calendarDayIn(timeZone, deps.now());
  const reason = unfilledReason(record);
  const mails = await toLandlord(deps, offer, 'offer-unfilled', { reason }, at);
  const waiting = stillWaiting(record, applications);
  const ended = await deps.store.transact([
    items.updateRecord(
      offerId,
      { set: { stage: 'UNFILLED', unfilledReason: reason, endedAt: at, updatedAt: at }, remove: ['candidateToken', 'commissionToken'] },
      {
        expression: '#stage IN (:closed, :commission, :offering)',
        values: { ':closed': 'CLOSED', ':commission': 'COMMISSION', ':offering': 'OFFERING' },
      },
    ),
    items.endOffer(offerId),
    ...waiting.flatMap((application) => [
      items.moveApplication(application, ['SELECTED', 'RANKED'], 'OFFER_UNFILLED', { updatedAt: at }),
      items.releasePlace(application.employeeId, today),
      items.notification(applicantEmail(application, 'application-offer-unfilled', {}, at, deps.appUrl)),
    ]),
    items.event(event(offerId, at, 'OFFER_UNFILLED', 'workflow', { reason })),
    ...mails.map(items.notification),
  ]);
  await unlessEnded(deps, offerId, ended);
}
