import type { Application } from '#applications/application-store.ts';
import { withRobotOutcome } from '#applications/robot-outcome.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { selectionSize } from '#scoring/scoring-rules.ts';
import { closeCheck, fileReadConcurrency, type CloseCheckReason } from '../close-check.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import { addSeconds, deadlineText, event, LifecycleNotReady, publishedOffer, recordOf, secondsUntil, toLandlord } from './task-steps.ts';

/**
 * Nobody of the round took the dwelling (every candidate declined, let the deadline pass or was
 * excluded): issue #13 item 6.
 * 1. The next round already started (a retry): the same result. The offer ended, or the last of
 *    `rounds` has run: nobody (the workflow marks the offer unfilled).
 * 2. The robot's next best files, from the reserve it kept at the close, best first: the first
 *    `selectionSize` still NOT_SELECTED (the robot's outcome item on a SUBMITTED application, or
 *    the status itself on an offer scored before outcome items; an erased account is skipped)
 *    that pass the re-check of the close again, now (issue #13 item 2: file complete, NUD valid,
 *    employment confirmed, company eligible; weeks may have passed). A file met before the round
 *    is full that fails it becomes NOT_ELIGIBLE_AT_ROUND with its reasons and is told why; the
 *    files after the last one chosen stay in the reserve unchecked. None chosen: nobody (the
 *    files set aside are moved and told, with the event RESERVE_SET_ASIDE).
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
  const nextRound = round + 1;
  const { chosen, ineligible } = await checkInOrder(deps, next, nextRound);
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const setAside = ineligible.flatMap(({ application, reasons }) => [
    items.moveApplication(application, ['SUBMITTED', 'NOT_SELECTED'], 'NOT_ELIGIBLE_AT_ROUND', {
      closeCheckReasons: reasons,
      round: nextRound,
      updatedAt: at,
      ...robotResultOf(application),
    }),
    items.notification(
      applicantEmail(
        application,
        'application-not-eligible-next-round',
        { round: String(nextRound), reasons: reasons.map((reason) => `- ${reason.message}`).join('\n') },
        at,
        deps.appUrl,
      ),
    ),
  ]);
  const setAsideDetails = ineligible.map(({ application, reasons }) => ({
    applicationId: application.employeeId,
    position: application.position,
    reasons: reasons.map((reason) => reason.code),
  }));
  if (chosen.length === 0) {
    // Nobody left to present: the files set aside are told why and the history says so; a retry
    // finds them moved already. A transaction refused (a file changed meanwhile) is tried again.
    const aside = [
      ...setAside,
      items.event(event(offerId, at, 'RESERVE_SET_ASIDE', 'robot', { round: nextRound, ineligible: setAsideDetails })),
    ];
    if (setAside.length > 0 && !(await deps.store.transact(aside))) {
      throw new LifecycleNotReady(`Offer ${offerId}: a reserve file changed while being set aside; retrying`);
    }
    return nobody;
  }

  // Chosen or set aside: out of the reserve of later rounds.
  const checked = new Set([...chosen, ...ineligible.map(({ application }) => application)].map((application) => application.employeeId));
  const offer = await publishedOffer(deps, offerId);
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
          reserve: reserve.filter((id) => !checked.has(id)),
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
        ...robotResultOf(application),
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
    ...setAside,
    items.event(
      event(offerId, at, 'ROUND_STARTED', 'robot', {
        round: nextRound,
        selected: chosen.map((application) => ({
          applicationId: application.employeeId,
          position: application.position,
          score: application.score,
        })),
        ...(ineligible.length > 0 && { ineligible: setAsideDetails }),
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

/** The robot's result, moved onto the application item: the applicant and the commission read it there. */
const robotResultOf = (application: Application) => ({
  ...(application.score !== undefined && { score: application.score }),
  ...(application.scoreBreakdown && { scoreBreakdown: application.scoreBreakdown }),
  ...(application.gridVersion && { gridVersion: application.gridVersion }),
  ...(application.position !== undefined && { position: application.position }),
});

/**
 * The reserve's files in the robot's order, re-checked now as at the close, until `selectionSize`
 * pass: those chosen, and those met on the way that fail (with why). The files are read at once
 * (the reserve is a few rounds of 3), the employers with them, as they stand today.
 */
async function checkInOrder(deps: LifecycleDeps, next: readonly Application[], nextRound: number) {
  const files = await deps.store.applicantFiles(
    next.map((application) => application.employeeId),
    fileReadConcurrency,
  );
  const companies = await deps.store.companies([...new Set([...files.values()].map(({ employee }) => employee.siret))]);
  const now = deps.now();
  const chosen: Application[] = [];
  const ineligible: { application: Application; reasons: CloseCheckReason[] }[] = [];
  for (const application of next) {
    if (chosen.length === selectionSize) break;
    const file = files.get(application.employeeId);
    // No profile: the account is being erased, and its application with it.
    if (!file) continue;
    const reasons = closeCheck(file, companies.get(file.employee.siret), now, deps.closeCheck, `avant le tour ${nextRound}`);
    if (reasons.length > 0) ineligible.push({ application, reasons });
    else chosen.push(application);
  }
  return { chosen, ineligible };
}
