import { withRobotOutcome } from '#applications/robot-outcome.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { selectionSize } from '#scoring/scoring-rules.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import { addSeconds, deadlineText, event, LifecycleNotReady, publishedOffer, recordOf, secondsUntil, toLandlord } from './task-steps.ts';

/**
 * Nobody of the round took the dwelling (every candidate declined, let the deadline pass or was
 * excluded): issue #13 item 6.
 * 1. The next round already started (a retry): the same result. The offer ended, or the last of
 *    `rounds` has run: nobody (the workflow marks the offer unfilled).
 * 2. The robot's next best files, from the reserve it kept at the close, best first: the first
 *    `selectionSize` still NOT_SELECTED (the robot's outcome item on a SUBMITTED application, or
 *    the status itself on an offer scored before outcome items; an erased account is skipped).
 *    None left: nobody.
 * 3. One transaction, guarded by the stage and the round: the record starts the round (stage
 *    COMMISSION, the new selection, a new commission deadline; the last round's ranking,
 *    candidate and reminder cleared), each file NOT_SELECTED → SELECTED with its round and the
 *    robot's score and position (its place taken back) and its e-mail, the event, the landlord's e-mail. The files keep the
 *    robot's positions (4, 5, 6…), which the commission sees.
 */
export async function startNextRound(
  deps: LifecycleDeps,
  input: { offerId: string; commissionSeconds: number; rounds: number },
): Promise<{ selected: number; commissionSecondsLeft: number }> {
  const { offerId } = input;
  const record = await recordOf(deps, offerId);
  const round = record.round ?? 1;
  const nobody = { selected: 0, commissionSecondsLeft: 1 };
  if (record.stage === 'COMMISSION' && round > 1) {
    return { selected: record.selected.length, commissionSecondsLeft: secondsUntil(record.commissionDueAt, deps.now()) };
  }
  if (record.stage !== 'OFFERING' || round >= input.rounds) return nobody;
  const used = new Set([...record.selected]);
  const reserve = (record.reserve ?? []).filter((id) => !used.has(id));
  const [applications, outcomes] = await Promise.all([
    deps.store.applicationsOf(offerId, reserve),
    deps.store.robotOutcomes(offerId, reserve),
  ]);
  const next = reserve.flatMap((id) => {
    const stored = applications.get(id);
    const application = stored && withRobotOutcome(stored, outcomes.get(id));
    return application?.status === 'NOT_SELECTED' ? [application] : [];
  });
  const chosen = next.slice(0, selectionSize);
  if (chosen.length === 0) return nobody;

  const offer = await publishedOffer(deps, offerId);
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const nextRound = round + 1;
  const commissionDueAt = addSeconds(deps.now(), input.commissionSeconds);
  const selectedCount = String(chosen.length);
  const mails = await toLandlord(
    deps,
    offer,
    'commission-next-round',
    { round: String(nextRound), selectedCount, deadline: deadlineText(commissionDueAt) },
    at,
  );
  const roundGuard =
    round === 1
      ? { expression: '#stage = :offering AND attribute_not_exists(#round)', values: { ':offering': 'OFFERING' } }
      : { expression: '#stage = :offering AND #round = :round', values: { ':offering': 'OFFERING', ':round': round } };
  const started = await deps.store.transact([
    items.updateRecord(
      offerId,
      {
        set: {
          stage: 'COMMISSION',
          round: nextRound,
          selected: chosen.map((application) => application.employeeId),
          reserve: reserve.filter((id) => !chosen.some((application) => application.employeeId === id)),
          commissionDueAt,
          updatedAt: at,
        },
        remove: [
          'ranking',
          'exclusions',
          'decidedAt',
          'decidedBy',
          'commissionToken',
          'remindedAt',
          'graceDueAt',
          'candidateIndex',
          'candidate',
          'candidateToken',
          'offeredUntil',
        ],
      },
      roundGuard,
    ),
    ...chosen.flatMap((application) => [
      // The robot's result moves onto the application: the commission reads its score and position there.
      items.moveApplication(application, ['SUBMITTED', 'NOT_SELECTED'], 'SELECTED', {
        round: nextRound,
        updatedAt: at,
        ...(application.score !== undefined && { score: application.score }),
        ...(application.scoreBreakdown && { scoreBreakdown: application.scoreBreakdown }),
        ...(application.gridVersion && { gridVersion: application.gridVersion }),
        ...(application.position !== undefined && { position: application.position }),
      }),
      items.takePlaceBack(application.employeeId),
      items.notification(
        applicantEmail(
          application,
          'application-selected-next-round',
          { round: String(nextRound), position: String(application.position ?? ''), selectedCount },
          at,
          deps.appUrl,
        ),
      ),
    ]),
    items.event(
      event(offerId, at, 'ROUND_STARTED', 'robot', {
        round: nextRound,
        selected: chosen.map((application) => ({
          applicationId: application.employeeId,
          position: application.position,
          score: application.score,
        })),
      }),
    ),
    ...mails.map(items.notification),
  ]);
  if (!started) {
    const now = await recordOf(deps, offerId);
    if (now.stage === 'COMMISSION' && (now.round ?? 1) === nextRound) {
      return { selected: now.selected.length, commissionSecondsLeft: secondsUntil(now.commissionDueAt, deps.now()) };
    }
    throw new LifecycleNotReady(`Offer ${offerId} changed while starting round ${nextRound}; retrying`);
  }
  return { selected: chosen.length, commissionSecondsLeft: input.commissionSeconds };
}
