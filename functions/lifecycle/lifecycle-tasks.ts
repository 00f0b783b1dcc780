import type { Application } from '#applications/application-store.ts';
import type { Company } from '#companies/company-store.ts';
import { frenchDate, todayIn } from '#housing-file/situation-dates.ts';
import { newNotification, type Notification } from '#notifications/outbox.ts';
import type { LifecycleTemplateName } from '#notifications/lifecycle-templates.ts';
import type { Offer } from '#offers/offer-store.ts';
import { chunks, mapLimit } from '#shared/bounded.ts';
import type { ScoringGrid } from '#scoring/grid.ts';
import { scoreApplication } from '#scoring/score.ts';
import { scoringFactsSchema, scoringInputOf, type ScoringFacts } from '#scoring/scoring-facts.ts';
import { selectBest, type Scored } from '#scoring/select.ts';
import type { LifecycleEvent, LifecycleRecord, LifecycleStore } from './lifecycle-store.ts';
import type { LifecycleEventKind } from './lifecycle-schemas.ts';

/**
 * The lifecycle's tasks (DESIGN §4), one function per Task state of the state machine. Each
 * reads the stored state first and is a no-op when its change is already there, so a retried
 * task, a duplicate delivery or a resumed execution changes nothing twice.
 */

/** Hands a waiting task its result (Step Functions `SendTaskSuccess`). */
export interface TaskAnswers {
  /** False when the task no longer waits (answered, timed out, or its execution ended). */
  succeed(token: string, output: Record<string, unknown>): Promise<boolean>;
}

export interface LifecycleDeps {
  readonly store: LifecycleStore;
  readonly grids: { inForce(now: Date): Promise<ScoringGrid> };
  readonly answers: TaskAnswers;
  readonly appUrl: string;
  readonly now: () => Date;
  /** How many transactions the robot runs at once. */
  readonly writeConcurrency: number;
  /** Applications scored per transaction (each brings up to 3 items; a transaction holds 100). */
  readonly applicationsPerTransaction: number;
}

/** How the robot writes its results: transactions at once, applications per transaction (measured in bench/lifecycle-robot). */
export const robotWrites = { writeConcurrency: 8, applicationsPerTransaction: 25 } as const;

/** How many files the robot keeps for the commission (R9). */
export const selectionSize = 3;

const timeZone = 'Europe/Paris';
const deadlineText = (iso: string) => frenchDate(todayIn(timeZone, new Date(iso)));
const offerLabel = (offer: Pick<Offer, 'typology' | 'communeName' | 'commune' | 'residenceName'>) =>
  [offer.typology, offer.residenceName, offer.communeName ?? offer.commune].filter(Boolean).join(' – ');
const applicationLabel = (application: Application) => offerLabel(application.offer);
const addSeconds = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000).toISOString();
/** Seconds from now to a stored deadline, at least 1: a callback's timeout follows the deadline its party was given. */
const secondsUntil = (deadline: string, now: Date) => Math.max(1, Math.ceil((Date.parse(deadline) - now.getTime()) / 1000));

export class LifecycleNotReady extends Error {
  override readonly name = 'LifecycleNotReady';
}

function event(offerId: string, at: string, kind: LifecycleEventKind, actor: LifecycleEvent['actor'], details: Record<string, unknown>): LifecycleEvent {
  return { offerId, at, kind, actor, details };
}

/** The e-mail to an applicant, when his contact was recorded (applications made before contacts were kept have none). */
export function toApplicant(application: Application, template: LifecycleTemplateName, params: Record<string, string>, at: string, appUrl: string): Notification[] {
  if (!application.contact) return [];
  return [
    newNotification({
      template,
      to: application.contact.email,
      params: { firstName: application.contact.firstName, offer: applicationLabel(application), link: `${appUrl}/me/applications`, ...params },
      createdAt: at,
    }),
  ];
}

async function toLandlord(deps: LifecycleDeps, offer: Offer, template: LifecycleTemplateName, params: Record<string, string>, at: string): Promise<Notification[]> {
  const recipients = await deps.store.landlordRecipients(offer.landlordId);
  return recipients.map((to) =>
    newNotification({
      template,
      to,
      params: { reference: offer.externalReference, offer: offerLabel(offer), link: `${deps.appUrl}/landlord/offers/${offer.offerId}`, ...params },
      createdAt: at,
    }),
  );
}

async function publishedOffer(deps: LifecycleDeps, offerId: string): Promise<Offer & { closesAt: string }> {
  const offer = await deps.store.offer(offerId);
  if (!offer || offer.status !== 'PUBLISHED' || !offer.closesAt) throw new LifecycleNotReady(`Offer ${offerId} is not published`);
  return { ...offer, closesAt: offer.closesAt };
}

async function recordOf(deps: LifecycleDeps, offerId: string): Promise<LifecycleRecord> {
  const record = await deps.store.record(offerId);
  if (!record) throw new LifecycleNotReady(`Offer ${offerId} has not been scored`);
  return record;
}

/** Applications scored without a snapshot (made before snapshots existed) score from an empty file. */
const noFacts = (application: Application): ScoringFacts => ({
  siret: '',
  contract: null,
  retainedIncomeEuros: null,
  ceilingEuros: null,
  applicantBirthDate: null,
  spouseBirthDates: [],
  nudFirstRegisteredOn: null,
  recommended: false,
  previouslySelectedWithoutAttribution: false,
  priorityCriteria: [],
  takenAt: application.appliedAt,
});

/**
 * Close and score (R9), at the close of the window.
 * 1. Already scored (the record exists): the same result. Otherwise the offer is marked closed
 *    first (`closedAt`): applying and withdrawing are refused from then on.
 * 2. Read every application (one paginated Query, each page scored while the next is read) and
 *    the employers as they first appear (one BatchGetItem per page that brings new ones).
 * 3. Score each with the grid in force at `closesAt`, from its snapshot; keep the best 3.
 *    Scoring at `closesAt`, not at the task's clock, makes a retry compute the same ranks.
 * 4. Each application: SUBMITTED → SELECTED or NOT_SELECTED with score, breakdown, grid
 *    version and position, and its e-mail, in one transaction with a few others (a not-selected
 *    one frees its place).
 * 5. Last, the record (stage COMMISSION, or CLOSED when nobody is selected), the history event
 *    and the landlord's e-mail. A crash before it: the retry redoes only what is missing.
 */
export async function closeAndScore(
  deps: LifecycleDeps,
  input: { offerId: string; commissionSeconds: number },
): Promise<{ selected: number; commissionSecondsLeft: number }> {
  const { offerId } = input;
  const [existing, stored] = await Promise.all([deps.store.record(offerId), deps.store.offer(offerId)]);
  if (existing) return { selected: existing.selected.length, commissionSecondsLeft: secondsUntil(existing.commissionDueAt ?? existing.closedAt, deps.now()) };
  if (!stored || stored.status !== 'PUBLISHED' || !stored.closesAt) throw new LifecycleNotReady(`Offer ${offerId} is not published`);
  const offer = { ...stored, closesAt: stored.closesAt };
  const closesAt = new Date(offer.closesAt);
  if (deps.now() < closesAt) throw new LifecycleNotReady(`Offer ${offerId} is still open`);
  // Closed before reading: an application still in flight at `closesAt` is refused, not left unscored.
  await deps.store.closeOffer(offerId, deps.now().toISOString());

  // Each page is scored while the next one is read; employers are read as they first appear.
  const grid = await deps.grids.inForce(closesAt);
  const companies = new Map<string, Company | undefined>();
  const scored: (Scored & { application: Application })[] = [];
  for await (const page of deps.store.applicationPages(offerId)) {
    const candidates = page
      .filter((application) => ['SUBMITTED', 'SELECTED', 'NOT_SELECTED'].includes(application.status))
      .map((application) => ({ application, facts: scoringFactsSchema.safeParse(application.scoringFacts).data ?? noFacts(application) }));
    const unknown = [...new Set(candidates.map(({ facts }) => facts.siret).filter((siret) => siret && !companies.has(siret)))];
    if (unknown.length > 0) {
      const found = await deps.store.companies(unknown);
      for (const siret of unknown) companies.set(siret, found.get(siret));
    }
    for (const { application, facts } of candidates) {
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
    return [
      items.moveApplication(application, ['SUBMITTED'], kept ? 'SELECTED' : 'NOT_SELECTED', result),
      ...(kept ? [] : [items.releasePlace(application.employeeId)]),
      ...toApplicant(application, kept ? 'application-selected' : 'application-not-selected', params, at, deps.appUrl).map(items.notification),
    ];
  };
  // Several applications per transaction (each one's items stay together); a batch refused
  // because some were already moved (a retry after a partial run) is redone one by one.
  const ranked = [...selected, ...notSelected];
  await mapLimit(chunks(ranked, deps.applicationsPerTransaction), deps.writeConcurrency, async (batch) => {
    const changes = batch.map(change);
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
    applicants: scored.length,
    gridVersion: grid.version,
    selected: selected.map((ranked) => ranked.employeeId),
    updatedAt: at,
  };
  const landlordMail =
    selected.length > 0
      ? await toLandlord(deps, offer, 'commission-files-ready', {
          applicants: String(scored.length),
          selectedCount,
          deadline: deadlineText(commissionDueAt),
        }, at)
      : [];
  await deps.store.transact([
    items.createRecord(record),
    items.event(
      event(offerId, at, 'ROBOT_SELECTION', 'robot', {
        applicants: scored.length,
        gridVersion: grid.version,
        selected: selected.map((ranked) => ({ applicationId: ranked.employeeId, position: ranked.position, score: ranked.score.total })),
        notSelected: notSelected.length,
      }),
    ),
    ...landlordMail.map(items.notification),
  ]);
  return { selected: selected.length, commissionSecondsLeft: input.commissionSeconds };
}

/**
 * The commission's callback task starts: its token is stored on the record while the record
 * still waits for a ranking. A ranking that arrived first (the record has moved on) answers the
 * token at once.
 */
export async function awaitCommission(deps: LifecycleDeps, input: { offerId: string; token: string }): Promise<void> {
  const stored = await deps.store.transact([
    deps.store.items.updateRecord(input.offerId, { set: { commissionToken: input.token } }, { expression: '#stage = :commission', values: { ':commission': 'COMMISSION' } }),
  ]);
  if (!stored) await deps.answers.succeed(input.token, { decided: true });
}

/**
 * The commission's deadline passed.
 * - `remind`: the landlord is reminded once (event and e-mails); a ranking that came meanwhile
 *   answers `decided` and the workflow goes on to the offers.
 * - `keep-robot-order`: still no ranking after the grace period: the robot's order stands
 *   (every selected file ranked in that order), recorded as such; the landlord is told.
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
      items.updateRecord(input.offerId, { set: { remindedAt: at, graceDueAt, updatedAt: at } }, { expression: `${inCommission.expression} AND attribute_not_exists(remindedAt)`, values: inCommission.values }),
      items.event(event(input.offerId, at, 'COMMISSION_REMINDED', 'timer', {})),
      ...mails.map(items.notification),
    ]);
    return { decided: false, graceSecondsLeft: secondsUntil((await recordOf(deps, input.offerId)).graceDueAt ?? graceDueAt, deps.now()) };
  }

  const applications = await deps.store.applicationsOf(input.offerId, record.selected);
  const ranking = record.selected.filter((id) => applications.get(id)?.status === 'SELECTED');
  const mails = await toLandlord(deps, offer, 'commission-robot-order-kept', {}, at);
  const moved = await deps.store.transact([
    items.updateRecord(
      input.offerId,
      { set: { stage: 'OFFERING', ranking, exclusions: [], decidedAt: at, decidedBy: 'robot', updatedAt: at }, remove: ['commissionToken'] },
      inCommission,
    ),
    ...ranking.flatMap((id, index) => {
      const application = applications.get(id)!;
      return [
        items.moveApplication(application, ['SELECTED'], 'RANKED', { position: index + 1, updatedAt: at }),
        ...toApplicant(application, 'application-ranked', { position: String(index + 1) }, at, deps.appUrl).map(items.notification),
      ];
    }),
    items.event(event(input.offerId, at, 'ROBOT_ORDER_KEPT', 'timer', { ranking: ranking.map((id, index) => ({ applicationId: id, position: index + 1 })) })),
    ...mails.map(items.notification),
  ]);
  if (!moved && (await recordOf(deps, input.offerId)).stage === 'COMMISSION') throw new LifecycleNotReady('The robot order could not be recorded; retrying');
  return { decided: true };
}

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
  const at = deps.now().toISOString();
  const items = deps.store.items;
  const skipped = ranking.slice(from, index === -1 ? undefined : index);
  const skipEvents = skipped.map((id) => items.event(event(offerId, at, 'CANDIDATE_SKIPPED', 'workflow', { applicationId: id, status: applications.get(id)?.status ?? 'ERASED' })));
  const seen = record.candidateIndex === undefined
    ? { expression: '#stage = :offering AND attribute_not_exists(candidateIndex)', values: { ':offering': 'OFFERING' } }
    : { expression: '#stage = :offering AND candidateIndex = :seen', values: { ':offering': 'OFFERING', ':seen': record.candidateIndex } };

  if (index === -1) {
    if (skipped.length > 0) {
      await deps.store.transact([
        items.updateRecord(offerId, { set: { candidateIndex: ranking.length - 1, updatedAt: at }, remove: ['candidate', 'candidateToken', 'offeredUntil'] }, seen),
        ...skipEvents,
      ]);
    }
    return {};
  }
  const employeeId = ranking[index]!;
  const application = applications.get(employeeId)!;
  const offeredUntil = addSeconds(deps.now(), input.acceptanceSeconds);
  const written = await deps.store.transact([
    items.updateRecord(offerId, { set: { candidate: employeeId, candidateIndex: index, offeredUntil, updatedAt: at }, remove: ['candidateToken'] }, seen),
    items.moveApplication(application, ['RANKED'], 'OFFERED', { offeredUntil, updatedAt: at }),
    ...toApplicant(application, 'application-offered', { deadline: deadlineText(offeredUntil) }, at, deps.appUrl).map(items.notification),
    items.event(event(offerId, at, 'CANDIDATE_OFFERED', 'workflow', { applicationId: employeeId, position: index + 1, offeredUntil })),
    ...skipEvents,
  ]);
  if (!written) throw new LifecycleNotReady('The offer changed while choosing the next candidate; retrying');
  return { employeeId, secondsLeft: input.acceptanceSeconds };
}

/**
 * The candidate's callback task starts: its token is stored on the record. An answer given
 * before the token was stored (the answer routes write first, then read the token) is passed on
 * here, so that no answer is lost between the two.
 */
export async function awaitAnswer(deps: LifecycleDeps, input: { offerId: string; employeeId: string; token: string }): Promise<void> {
  await deps.store.transact([
    deps.store.items.updateRecord(
      input.offerId,
      { set: { candidateToken: input.token } },
      { expression: '#stage = :offering AND candidate = :candidate', values: { ':offering': 'OFFERING', ':candidate': input.employeeId } },
    ),
  ]);
  const application = (await deps.store.applicationsOf(input.offerId, [input.employeeId])).get(input.employeeId);
  const status = application?.status ?? 'WITHDRAWN';
  if (status !== 'OFFERED') await deps.answers.succeed(input.token, { answer: status });
}

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
    ...toApplicant(application, 'application-expired', {}, at, deps.appUrl).map(items.notification),
    items.event(event(input.offerId, at, 'CANDIDATE_EXPIRED', 'timer', { applicationId: application.employeeId, position: application.position })),
  ]);
  if (expired) return { answer: 'EXPIRED' };
  const now = (await read())?.status ?? 'WITHDRAWN';
  // Still offered after a refused expiry (the profile went first in an erasure under way): tried
  // again later rather than offered again, which would loop on an already passed deadline.
  if (now === 'OFFERED') throw new LifecycleNotReady(`The offer to a candidate of ${input.offerId} could not expire; retrying`);
  return { answer: now };
}

/** Ranked candidates still waiting when the offer ends; they were selected without attribution. */
function stillWaiting(record: LifecycleRecord, applications: Map<string, Application>, except?: string): Application[] {
  return [...new Set([...(record.ranking ?? []), ...record.selected])]
    .filter((id) => id !== except)
    .flatMap((id) => {
      const application = applications.get(id);
      return application && ['SELECTED', 'RANKED'].includes(application.status) ? [application] : [];
    });
}

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
  const today = todayIn(timeZone, deps.now());
  const others = stillWaiting(record, applications, record.candidate);
  const mails = await toLandlord(deps, offer, 'offer-attributed', { position: String(accepted.position ?? '') }, at);
  const attributed = await deps.store.transact([
    items.updateRecord(offerId, { set: { stage: 'ATTRIBUTED', attributedTo: record.candidate, endedAt: at, updatedAt: at }, remove: ['candidateToken'] }, {
      expression: '#stage = :offering',
      values: { ':offering': 'OFFERING' },
    }),
    items.endOffer(offerId),
    ...others.flatMap((application) => [
      items.moveApplication(application, ['SELECTED', 'RANKED'], 'ATTRIBUTED_TO_OTHER', { updatedAt: at }),
      items.releasePlace(application.employeeId, today),
      ...toApplicant(application, 'application-attributed-to-other', {}, at, deps.appUrl).map(items.notification),
    ]),
    items.event(event(offerId, at, 'OFFER_ATTRIBUTED', 'workflow', { applicationId: record.candidate, position: accepted.position })),
    ...mails.map(items.notification),
  ]);
  await unlessEnded(deps, offerId, attributed);
}

/** A refused ending (a candidate erased between the read and the write) is retried from a new read. */
async function unlessEnded(deps: LifecycleDeps, offerId: string, written: boolean): Promise<void> {
  if (written) return;
  const { stage } = await recordOf(deps, offerId);
  if (stage !== 'ATTRIBUTED' && stage !== 'UNFILLED') throw new LifecycleNotReady(`Offer ${offerId} changed while ending; retrying`);
}

/** Why an offer ends unfilled, from its record. */
export function unfilledReason(record: LifecycleRecord | undefined): string {
  if (!record || record.applicants === 0) return 'aucune candidature';
  if (record.selected.length === 0) return 'aucun dossier recevable';
  if ((record.ranking ?? []).length === 0) return 'tous les dossiers ont été écartés par la commission';
  return 'aucun candidat classé n’a accepté le logement';
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
  const today = todayIn(timeZone, deps.now());
  const reason = unfilledReason(record);
  const mails = await toLandlord(deps, offer, 'offer-unfilled', { reason }, at);
  const waiting = stillWaiting(record, applications);
  const ended = await deps.store.transact([
    items.updateRecord(offerId, { set: { stage: 'UNFILLED', unfilledReason: reason, endedAt: at, updatedAt: at }, remove: ['candidateToken', 'commissionToken'] }, {
      expression: '#stage IN (:closed, :commission, :offering)',
      values: { ':closed': 'CLOSED', ':commission': 'COMMISSION', ':offering': 'OFFERING' },
    }),
    items.endOffer(offerId),
    ...waiting.flatMap((application) => [
      items.moveApplication(application, ['SELECTED', 'RANKED'], 'OFFER_UNFILLED', { updatedAt: at }),
      items.releasePlace(application.employeeId, today),
      ...toApplicant(application, 'application-offer-unfilled', {}, at, deps.appUrl).map(items.notification),
    ]),
    items.event(event(offerId, at, 'OFFER_UNFILLED', 'workflow', { reason })),
    ...mails.map(items.notification),
  ]);
  await unlessEnded(deps, offerId, ended);
}

/**
 * A step failed after its retries: the failure goes on the offer's history (its error name, not
 * its message, which could quote data) and the execution fails; the reconciler resumes it.
 */
export async function recordFailure(deps: LifecycleDeps, input: { offerId: string; error?: string }): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.transact([deps.store.items.event(event(input.offerId, at, 'LIFECYCLE_FAILED', 'workflow', { error: input.error ?? 'unknown' }))]);
}
