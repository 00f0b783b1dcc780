import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import { addSeconds, deadlineText, event, LifecycleNotReady, publishedOffer, recordOf, secondsUntil, toLandlord } from './task-steps.ts';

/**
 * The commission's deadline passed.
 * - `remind`: the landlord is reminded once (event and e-mails); a ranking that came meanwhile
 *   answers `decided` and the workflow goes on to the offers.
 * - `keep-robot-order`: still no ranking after the grace period: the robot's order stands
 *   (every selected file ranked in that order), recorded as such; the landlord is told.
 * Both events name the round (issue #13 item 6: the history shows the rounds).
 */
export async function commissionOverdue(
  deps: LifecycleDeps,
  input: { offerId: string; step: 'remind' | 'keep-robot-order'; graceSeconds?: number },
): Promise<{ decided: boolean; graceSecondsLeft?: number }> {
  const record = await recordOf(deps, input.offerId);
  if (record.stage !== 'COMMISSION') return { decided: true };
  const offer = await publishedOffer(deps, input.offerId);
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const inCommission = { expression: '#stage = :commission', values: { ':commission': 'COMMISSION' } };

  if (input.step === 'remind') {
    if (record.graceDueAt) return { decided: false, graceSecondsLeft: secondsUntil(record.graceDueAt, deps.now()) };
    const graceDueAt = addSeconds(deps.now(), input.graceSeconds ?? 1);
    const mails = await toLandlord(deps, offer, 'commission-reminder', { deadline: deadlineText(graceDueAt) }, at);
    await deps.store.transact([
      items.updateRecord(
        input.offerId,
        { set: { remindedAt: at, graceDueAt, updatedAt: at } },
        { expression: `${inCommission.expression} AND attribute_not_exists(remindedAt)`, values: inCommission.values },
      ),
      items.event(event(input.offerId, at, 'COMMISSION_REMINDED', 'timer', { round: record.round ?? 1 })),
      ...mails.map(items.notification),
    ]);
    return { decided: false, graceSecondsLeft: secondsUntil((await recordOf(deps, input.offerId)).graceDueAt ?? graceDueAt, deps.now()) };
  }

  const applications = await deps.store.applicationsOf(input.offerId, record.selected);
  const ranked = record.selected.flatMap((id) => {
    const application = applications.get(id);
    return application?.status === 'SELECTED' ? [application] : [];
  });
  const ranking = ranked.map((application) => application.employeeId);
  const mails = await toLandlord(deps, offer, 'commission-robot-order-kept', {}, at);
  const moved = await deps.store.transact([
    items.updateRecord(
      input.offerId,
      {
        set: { stage: 'OFFERING', ranking, exclusions: [], decidedAt: at, decidedBy: 'robot', updatedAt: at },
        remove: ['commissionToken'],
      },
      inCommission,
    ),
    ...ranked.flatMap((application, index) => [
      items.moveApplication(application, ['SELECTED'], 'RANKED', { position: index + 1, updatedAt: at }),
      items.notification(applicantEmail(application, 'application-ranked', { position: String(index + 1) }, at, deps.appUrl)),
    ]),
    items.event(
      event(input.offerId, at, 'ROBOT_ORDER_KEPT', 'timer', {
        round: record.round ?? 1,
        ranking: ranking.map((id, index) => ({ applicationId: id, position: index + 1 })),
      }),
    ),
    ...mails.map(items.notification),
  ]);
  if (!moved && (await recordOf(deps, input.offerId)).stage === 'COMMISSION')
    throw new LifecycleNotReady('The robot order could not be recorded; retrying');
  return { decided: true };
}
