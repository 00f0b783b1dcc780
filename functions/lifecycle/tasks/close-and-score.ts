import { createHash } from 'node:crypto';
import type { Application } from '#applications/application-store.ts';
import { withRobotOutcome, type RobotOutcome } from '#applications/robot-outcome.ts';
import { companyFiguresAt, type Company } from '#companies/company-store.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { chunks, mapLimit } from '#shared/bounded.ts';
import { scoreApplication } from '#scoring/score.ts';
import { scoringInputOf } from '#scoring/scoring-facts.ts';
import { selectionSize } from '#scoring/scoring-rules.ts';
import { selectBest, type Scored } from '#scoring/select.ts';
import { selectionRounds } from '#definitions/lifecycle.ts';
import { closeCheck, fileReadConcurrency, type CloseCheckReason } from '../close-check.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import type { LifecycleRecord } from '../lifecycle-store.ts';
import { addSeconds, deadlineText, event, LifecycleNotReady, secondsUntil, toLandlord } from './task-steps.ts';

/**
 * How the robot writes its results: calls at once (transactions, and BatchWriteItem calls of the
 * not-selected files' outcomes and e-mails), applications per transaction (measured in bench/lifecycle-robot).
 */
export const robotWrites = { writeConcurrency: 8, applicationsPerTransaction: 25 } as const;

/**
 * Close and score (R9), at the close of the window.
 * 1. Already scored (the record exists): the same result. Otherwise the offer is marked closed
 *    first (`closedAt`): applying and withdrawing are refused from then on.
 * 2. Read every application (one paginated Query, each page scored while the next is read) and
 *    the employers as they first appear (one BatchGetItem per page that brings new ones).
 * 2b. Re-check each submitted application at `closesAt` (issue #13 item 2: file complete, NUD
 *    valid, employment confirmed, company eligible, from the applicant's file and company read
 *    now): one that fails is not scored; it becomes NOT_ELIGIBLE_AT_CLOSE with its reasons, its
 *    place is freed and the applicant is told why.
 * 3. Score each with the grid in force at `closesAt`, from its snapshot; keep the best
 *    `selectionSize`; the next `selectionSize × (rounds − 1)` are the reserve of later rounds
 *    (told so; item 6). Scoring at `closesAt`, not at the task's clock, makes a retry compute the
 *    same ranks.
 * 4. The selected files (3 at most) and the ineligible ones: SUBMITTED → SELECTED (score,
 *    breakdown, grid version, position) or NOT_ELIGIBLE_AT_CLOSE (its place freed), each with its
 *    e-mail, in one transaction with a few others.
 * 4b. Every other file (issue 15 item 3): its outcome item (NOT_SELECTED, score, breakdown, grid
 *    version, position; it frees the place, `robot-outcome.ts`) and its e-mail (not selected, or
 *    in reserve), put by BatchWriteItem with keys fixed by the offer and the applicant. The
 *    application item stays SUBMITTED; readers apply the outcome (`withRobotOutcome`).
 * 5. Last, the record (stage COMMISSION, or CLOSED when nobody is selected), the history event
 *    and the landlord's e-mail. A crash before it: the retry redoes only what is missing. A
 *    retry (the offer was closed already) reads the outcomes written before, so their files are
 *    not re-checked again, and the e-mails written before, so none is written twice.
 */
export async function closeAndScore(
  deps: LifecycleDeps,
  input: { offerId: string; commissionSeconds: number; rounds?: number },
): Promise<{ selected: number; commissionSecondsLeft: number }> {
  const { offerId } = input;
  const [existing, stored] = await Promise.all([deps.store.record(offerId), deps.store.offer(offerId)]);
  if (existing) return { selected: existing.selected.length, commissionSecondsLeft: secondsUntil(existing.commissionDueAt, deps.now()) };
  if (stored?.status !== 'PUBLISHED' || !stored.closesAt) throw new LifecycleNotReady(`Offer ${offerId} is not published`);
  const offer = { ...stored, closesAt: stored.closesAt };
  const closesAt = new Date(offer.closesAt);
  if (deps.now() < closesAt) throw new LifecycleNotReady(`Offer ${offerId} is still open`);
  // Closed before reading: an application still in flight at `closesAt` is refused, not left unscored.
  const firstRun = await deps.store.closeOffer(offerId, deps.now().toISOString());

  // Each page is scored while the next one is read; employers are read as they first appear.
  const grid = await deps.grids.inForce(closesAt);
  const companies = new Map<string, Company | undefined>();
  const scored: (Scored & { application: Application })[] = [];
  const ineligible: { application: Application; reasons: CloseCheckReason[] }[] = [];
  let ineligibleBefore = 0;
  // Applications still SUBMITTED on their item (the robot's outcome aside), and the outcomes a previous run wrote.
  const submittedItems = new Set<string>();
  const outcomesBefore = new Map<string, RobotOutcome>();
  for await (const items of deps.store.applicationPages(offerId)) {
    const submittedHere = items.filter((application) => application.status === 'SUBMITTED').map((application) => application.employeeId);
    for (const id of submittedHere) submittedItems.add(id);
    const before =
      firstRun || submittedHere.length === 0 ? new Map<string, RobotOutcome>() : await deps.store.robotOutcomes(offerId, submittedHere);
    for (const [id, outcome] of before) outcomesBefore.set(id, outcome);
    const page = items.map((application) => withRobotOutcome(application, before.get(application.employeeId)));
    ineligibleBefore += page.filter((application) => application.status === 'NOT_ELIGIBLE_AT_CLOSE').length;
    const submitted = page.filter((application) => application.status === 'SUBMITTED');
    // Only a submitted application is re-checked: one already moved (a retry) was checked by the first run.
    const files = await deps.store.applicantFiles(
      submitted.map((application) => application.employeeId),
      fileReadConcurrency,
    );
    const sirets = [...page.map(({ scoringFacts }) => scoringFacts.siret), ...[...files.values()].map(({ employee }) => employee.siret)];
    const unknown = [...new Set(sirets.filter((siret) => !companies.has(siret)))];
    if (unknown.length > 0) {
      const found = await deps.store.companies(unknown);
      // The figures in force when the window closed, not those changed since (issue 13, item 7).
      for (const siret of unknown) {
        const company = found.get(siret);
        companies.set(siret, company && companyFiguresAt(company, closesAt));
      }
    }
    const candidates = page.filter((application) => {
      if (application.status !== 'SUBMITTED') return ['SELECTED', 'NOT_SELECTED'].includes(application.status);
      const file = files.get(application.employeeId);
      // No profile: the account is being erased, and its application with it.
      if (!file) return false;
      const reasons = closeCheck(file, companies.get(file.employee.siret), closesAt, deps.closeCheck);
      if (reasons.length > 0) ineligible.push({ application, reasons });
      return reasons.length === 0;
    });
    for (const application of candidates) {
      const facts = application.scoringFacts;
      scored.push({
        application,
        employeeId: application.employeeId,
        appliedAt: application.appliedAt,
        nudFirstRegisteredOn: facts.nudFirstRegisteredOn,
        score: scoreApplication(scoringInputOf(facts, companies.get(facts.siret)), grid, closesAt),
      });
    }
  }
  const { selected, notSelected } = selectBest(scored, selectionSize);
  const reserve = notSelected.slice(0, selectionSize * Math.max(0, (input.rounds ?? selectionRounds) - 1));
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const selectedCount = String(selected.length);

  const params = (ranked: (typeof selected)[number]) => ({
    score: String(ranked.score.total),
    position: String(ranked.position),
    selectedCount,
  });
  const choose = ({ application, ...ranked }: (typeof selected)[number]) => [
    items.moveApplication(application, ['SUBMITTED'], 'SELECTED', {
      score: ranked.score.total,
      scoreBreakdown: ranked.score.breakdown,
      gridVersion: ranked.score.gridVersion,
      position: ranked.position,
      updatedAt: at,
    }),
    // A retry after an applicant's erasure may select a file the first run had not: its outcome goes.
    ...(outcomesBefore.has(application.employeeId) ? [items.forgetOutcome(application.employeeId, offerId)] : []),
    items.notification(applicantEmail(application, 'application-selected', params({ application, ...ranked }), at, deps.appUrl)),
  ];
  const unscored = ({ application, reasons }: (typeof ineligible)[number]) => [
    items.moveApplication(application, ['SUBMITTED'], 'NOT_ELIGIBLE_AT_CLOSE', { closeCheckReasons: reasons, updatedAt: at }),
    items.releasePlace(application.employeeId),
    items.notification(
      applicantEmail(
        application,
        'application-not-eligible-at-close',
        { reasons: reasons.map((reason) => `- ${reason.message}`).join('\n') },
        at,
        deps.appUrl,
      ),
    ),
  ];
  // Only files still SUBMITTED on their item: one moved already (an older run) was told then.
  const told = notSelected.filter(({ application }) => submittedItems.has(application.employeeId));
  // An outcome written by an earlier run stands (its applicant may be erased since: nothing is put back).
  const outcomes = told
    .filter(({ application }) => !outcomesBefore.has(application.employeeId))
    .map(
      ({ application, ...ranked }): RobotOutcome => ({
        offerId,
        employeeId: application.employeeId,
        status: 'NOT_SELECTED',
        score: ranked.score.total,
        scoreBreakdown: [...ranked.score.breakdown],
        gridVersion: ranked.score.gridVersion,
        position: ranked.position,
        decidedAt: at,
      }),
    );
  const mails = told.map((ranked) => {
    // In the reserve: not selected now, but a later round may still take the file (told so).
    const inReserve = ranked.position <= selectionSize + reserve.length;
    const mail = applicantEmail(
      ranked.application,
      inReserve ? 'application-in-reserve' : 'application-not-selected',
      params(ranked),
      at,
      deps.appUrl,
    );
    return { ...mail, id: outcomeMailId(offerId, ranked.application.employeeId) };
  });
  const written = firstRun ? new Set<string>() : await deps.store.notificationsWritten(mails.map((mail) => mail.id));
  // Several applications per transaction (each one's items stay together); a batch refused
  // because some were already moved (a retry after a partial run) is redone one by one.
  const moves = [...selected.map((one) => () => choose(one)), ...ineligible.map((one) => () => unscored(one))];
  const transact = () =>
    mapLimit(chunks(moves, deps.applicationsPerTransaction), deps.writeConcurrency, async (batch) => {
      const changes = batch.map((move) => move());
      if (await deps.store.transact(changes.flat())) return;
      for (const one of changes) await deps.store.transact(one);
    });
  await Promise.all([
    transact(),
    deps.store.writeOutcomes(
      outcomes,
      mails.filter((mail) => !written.has(mail.id)),
      deps.writeConcurrency,
    ),
  ]);

  const commissionDueAt = addSeconds(deps.now(), input.commissionSeconds);
  const record: LifecycleRecord = {
    offerId,
    landlordId: offer.landlordId,
    stage: selected.length > 0 ? 'COMMISSION' : 'CLOSED',
    closedAt: offer.closesAt,
    commissionDueAt,
    applicants: scored.length + ineligible.length + ineligibleBefore,
    ineligible: ineligible.length + ineligibleBefore,
    gridVersion: grid.version,
    selected: selected.map((ranked) => ranked.employeeId),
    reserve: reserve.map((ranked) => ranked.employeeId),
    updatedAt: at,
  };
  const landlordMail =
    selected.length > 0
      ? await toLandlord(
          deps,
          offer,
          'commission-files-ready',
          {
            applicants: String(record.applicants),
            selectedCount,
            deadline: deadlineText(commissionDueAt),
          },
          at,
        )
      : [];
  await deps.store.transact([
    items.createRecord(record),
    items.event(
      event(offerId, at, 'ROBOT_SELECTION', 'robot', {
        round: 1,
        applicants: record.applicants,
        ineligible: record.ineligible,
        gridVersion: grid.version,
        selected: selected.map((ranked) => ({ applicationId: ranked.employeeId, position: ranked.position, score: ranked.score.total })),
        notSelected: notSelected.length,
        reserve: reserve.length,
      }),
    ),
    ...landlordMail.map(items.notification),
  ]);
  return { selected: selected.length, commissionSecondsLeft: input.commissionSeconds };
}

/** The id of the robot's e-mail to a not-selected applicant: fixed by the offer and the applicant, so a retry finds it. */
export const outcomeMailId = (offerId: string, employeeId: string) =>
  createHash('sha256').update(`robot-outcome#${offerId}#${employeeId}`).digest('hex').slice(0, 32);
