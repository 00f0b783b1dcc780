import type { Application } from '#applications/application-store.ts';
import { companyFiguresAt, type Company } from '#companies/company-store.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { chunks, mapLimit } from '#shared/bounded.ts';
import { scoreApplication } from '#scoring/score.ts';
import { scoringInputOf } from '#scoring/scoring-facts.ts';
import { selectionSize } from '#scoring/scoring-rules.ts';
import { selectBest, type Scored } from '#scoring/select.ts';
import { selectionRounds } from '#definitions/lifecycle.ts';
import { closeCheck, type CloseCheckReason } from '../close-check.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import type { LifecycleRecord } from '../lifecycle-store.ts';
import { addSeconds, deadlineText, event, LifecycleNotReady, secondsUntil, toLandlord } from './task-steps.ts';

/** How the robot writes its results: transactions at once, applications per transaction (measured in bench/lifecycle-robot). */
export const robotWrites = { writeConcurrency: 8, applicationsPerTransaction: 25 } as const;

/** Applicants' files read at once for the re-check at the close (one Query each). */
export const fileReadConcurrency = 16;

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
 * 4. Each application: SUBMITTED → SELECTED or NOT_SELECTED with score, breakdown, grid
 *    version and position, and its e-mail, in one transaction with a few others (a not-selected
 *    one frees its place).
 * 5. Last, the record (stage COMMISSION, or CLOSED when nobody is selected), the history event
 *    and the landlord's e-mail. A crash before it: the retry redoes only what is missing.
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
  await deps.store.closeOffer(offerId, deps.now().toISOString());

  // Each page is scored while the next one is read; employers are read as they first appear.
  const grid = await deps.grids.inForce(closesAt);
  const companies = new Map<string, Company | undefined>();
  const scored: (Scored & { application: Application })[] = [];
  const ineligible: { application: Application; reasons: CloseCheckReason[] }[] = [];
  let ineligibleBefore = 0;
  for await (const page of deps.store.applicationPages(offerId)) {
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

  const change = (ranked: (typeof selected)[number]) => {
    const kept = ranked.position <= selectionSize;
    const { application } = ranked;
    const result = {
      score: ranked.score.total,
      scoreBreakdown: ranked.score.breakdown,
      gridVersion: ranked.score.gridVersion,
      position: ranked.position,
      updatedAt: at,
    };
    const params = { score: String(ranked.score.total), position: String(ranked.position), selectedCount };
    // In the reserve: not selected now, but a later round may still take the file (told so).
    const inReserve = ranked.position <= selectionSize + reserve.length;
    const template = kept ? 'application-selected' : inReserve ? 'application-in-reserve' : 'application-not-selected';
    return [
      items.moveApplication(application, ['SUBMITTED'], kept ? 'SELECTED' : 'NOT_SELECTED', result),
      ...(kept ? [] : [items.releasePlace(application.employeeId)]),
      items.notification(applicantEmail(application, template, params, at, deps.appUrl)),
    ];
  };
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
  // Several applications per transaction (each one's items stay together); a batch refused
  // because some were already moved (a retry after a partial run) is redone one by one.
  const ranked = [...selected, ...notSelected];
  const moves = [...ranked.map((one) => () => change(one)), ...ineligible.map((one) => () => unscored(one))];
  await mapLimit(chunks(moves, deps.applicationsPerTransaction), deps.writeConcurrency, async (batch) => {
    const changes = batch.map((move) => move());
    if (await deps.store.transact(changes.flat())) return;
    for (const one of changes) await deps.store.transact(one);
  });

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
