import { applicationView } from '#applications/application-use-cases.ts';
import type { ApplicationView } from '#applications/application-schemas.ts';
import type { Application } from '#applications/application-store.ts';
import type { Employee } from '#identity/employee-store.ts';
import { currentDocuments } from '#housing-file/completeness.ts';
import type { StoredDocument } from '#housing-file/document-store.ts';
import type { SituationRecord } from '#housing-file/situation-store.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import type { Principal } from '#shared/auth.ts';
import { timeZone } from '#shared/calendar.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '#shared/errors.ts';
import type { CandidatesView, CommissionDecisionInput, CommissionOutcome, HistoryView, LifecycleStage } from './lifecycle-schemas.ts';
import type { LifecycleDeps } from './lifecycle-context.ts';
import type { LifecycleRecord } from './lifecycle-store.ts';
import { candidateProofs } from './candidate-proofs.ts';

/** Reads of the selected applicants' files for the commission, and short-lived document links. */
export interface CandidateFiles {
  files(
    employeeIds: readonly string[],
  ): Promise<Map<string, { employee: Employee; situation: SituationRecord; documents: StoredDocument[] }>>;
  downloadUrl(document: StoredDocument): Promise<string>;
}

export interface LifecycleRouteDeps extends LifecycleDeps {
  readonly candidateFiles: CandidateFiles;
}

/** The caller's landlord's offer (403 another landlord's, 404 unknown); the operator reads any. */
async function landlordOffer(deps: LifecycleDeps, offerId: string, caller: Principal) {
  const offer = await deps.store.offer(offerId);
  if (!offer) throw new NotFoundError('Aucune offre ne porte cet identifiant.');
  if (!caller.roles.includes('operator') && offer.landlordId !== caller.landlordId) {
    throw new ForbiddenError('Cette offre appartient à un autre bailleur.');
  }
  return offer;
}

const notYetSelected = () =>
  new ConflictError(
    'SELECTION_NOT_READY',
    'La sélection n’est pas encore faite : les dossiers sont visibles après la clôture des candidatures.',
  );

const endedStages: ReadonlySet<LifecycleStage> = new Set(['ATTRIBUTED', 'UNFILLED']);

/**
 * The selected files, for the commission of the offer's landlord (the offer manager sees only
 * statuses and counts). Only once the robot has selected: before, 409. Each candidate: robot
 * score and breakdown, position, identity and "Ma situation", and the current document of each
 * type, with a link valid 5 minutes until the offer is attributed or unfilled, without after.
 */
export async function getCandidates(deps: LifecycleRouteDeps, offerId: string, caller: Principal): Promise<CandidatesView> {
  await landlordOffer(deps, offerId, caller);
  const record = await deps.store.record(offerId);
  if (!record || record.selected.length === 0) throw notYetSelected();
  // Once the offer has ended, the files are no longer the commission's to read: no more links.
  const linksOpen = !endedStages.has(record.stage);
  const [applications, files] = await Promise.all([
    deps.store.applicationsOf(offerId, record.selected),
    deps.candidateFiles.files(record.selected),
  ]);
  const candidates = await Promise.all(
    record.selected.flatMap((id) => {
      const application = applications.get(id);
      if (!application) return [];
      const file = files.get(id);
      return [
        (async () => ({
          applicationId: id,
          status: application.status,
          position: application.position,
          score: application.score,
          scoreBreakdown: application.scoreBreakdown,
          commissionReason: application.commissionReason,
          appliedAt: application.appliedAt,
          ...candidateProofs(application, file),
          ...(file && {
            applicant: {
              civility: file.employee.civility,
              lastName: file.employee.lastName,
              firstName: file.employee.firstName,
              email: file.employee.email,
              phone: file.employee.phone,
            },
            situation: file.situation.situation as Record<string, unknown> | undefined,
          }),
          documents: await Promise.all(
            [...currentDocuments(file?.documents ?? []).values()].map(async (document) => ({
              type: document.type,
              filename: document.filename,
              receivedAt: document.receivedAt,
              ...(linksOpen && { downloadUrl: await deps.candidateFiles.downloadUrl(document) }),
            })),
          ),
        }))(),
      ];
    }),
  );
  return {
    offerId,
    stage: record.stage,
    closedAt: record.closedAt,
    applicants: record.applicants,
    gridVersion: record.gridVersion,
    round: record.round ?? 1,
    candidates,
  };
}

const alreadyDecided = () =>
  new ConflictError('COMMISSION_ALREADY_DECIDED', 'La commission a déjà transmis son classement pour cette offre.');

/**
 * The commission's ranking (R10).
 * 1. The offer's landlord only; the robot must have selected (409 before), and no ranking may
 *    exist yet (409 `COMMISSION_ALREADY_DECIDED`, also for the robot's order past the deadline).
 * 2. Only selected files, each at most once (400 per field); every selected file is either
 *    ranked or excluded with a reason (400 naming the missing ones).
 * 3. One transaction, guarded by the stored task token: the record moves to OFFERING with the
 *    ranking, each application to RANKED (with its position) or EXCLUDED, the applicants' and
 *    the event; a concurrent decision loses the guard (409).
 * 4. The waiting task is then answered with the token read before the write. The token stays on
 *    the record: a retried decision whose hand-over failed hands it over again (then 409).
 */
export async function decideCommission(
  deps: LifecycleDeps,
  offerId: string,
  input: CommissionDecisionInput,
  caller: Principal,
): Promise<CommissionOutcome> {
  await landlordOffer(deps, offerId, caller);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const record = await deps.store.record(offerId);
    if (!record || record.stage === 'CLOSED') throw notYetSelected();
    if (record.stage !== 'COMMISSION') {
      // A decision written whose hand-over to the workflow failed (the caller saw a 500 and
      // tries again): the hand-over is made again, then the decision stands as written.
      if (record.decidedBy === 'commission' && record.commissionToken)
        await deps.answers.succeed(record.commissionToken, { decided: true });
      throw alreadyDecided();
    }
    checkDecision(record, input);
    const at = deps.now().toISOString();
    const applications = await deps.store.applicationsOf(offerId, record.selected);
    const items = deps.store.items;
    // Each entry still SELECTED, paired with its application.
    const stillSelected = <Entry extends { applicationId: string }>(entries: readonly Entry[]) =>
      entries.flatMap((entry) => {
        const application = applications.get(entry.applicationId);
        return application?.status === 'SELECTED' ? [{ ...entry, application }] : [];
      });
    const ranking = stillSelected(input.ranking);
    const exclusions = stillSelected(input.exclusions);
    const mail = (application: Application, template: 'application-ranked' | 'application-excluded', params: Record<string, string>) =>
      items.notification(applicantEmail(application, template, params, at, deps.appUrl));
    const tokenGuard = record.commissionToken
      ? {
          expression: '#stage = :commission AND commissionToken = :token',
          values: { ':commission': 'COMMISSION', ':token': record.commissionToken },
        }
      : { expression: '#stage = :commission AND attribute_not_exists(commissionToken)', values: { ':commission': 'COMMISSION' } };
    const written = await deps.store.transact([
      items.updateRecord(
        offerId,
        {
          set: {
            stage: 'OFFERING',
            ranking: ranking.map((entry) => entry.applicationId),
            exclusions: exclusions.map((entry) => ({ employeeId: entry.applicationId, reason: entry.reason })),
            decidedAt: at,
            decidedBy: 'commission',
            updatedAt: at,
          },
        },
        tokenGuard,
      ),
      ...ranking.flatMap(({ application, ...entry }, index) => {
        return [
          items.moveApplication(application, ['SELECTED'], 'RANKED', {
            position: index + 1,
            updatedAt: at,
            ...(entry.reason && { commissionReason: entry.reason }),
          }),
          mail(application, 'application-ranked', { position: String(index + 1) }),
        ];
      }),
      ...exclusions.flatMap(({ application, ...entry }) => {
        return [
          items.moveApplication(application, ['SELECTED'], 'EXCLUDED', { commissionReason: entry.reason, updatedAt: at }),
          items.releasePlace(application.employeeId),
          mail(application, 'application-excluded', { reason: entry.reason }),
        ];
      }),
      items.event({
        offerId,
        at,
        kind: 'COMMISSION_DECISION',
        actor: 'commission',
        details: {
          round: record.round ?? 1,
          ranking: ranking.map((entry, index) => ({
            applicationId: entry.applicationId,
            position: index + 1,
            ...(entry.reason && { reason: entry.reason }),
          })),
          exclusions: exclusions.map((entry) => ({ applicationId: entry.applicationId, reason: entry.reason })),
        },
      }),
    ]);
    if (!written) continue;
    if (record.commissionToken) await deps.answers.succeed(record.commissionToken, { decided: true });
    return {
      offerId,
      stage: 'OFFERING',
      ranking: ranking.map((entry, index) => ({ applicationId: entry.applicationId, position: index + 1, reason: entry.reason })),
      exclusions: exclusions.map((entry) => ({ applicationId: entry.applicationId, reason: entry.reason })),
      decidedAt: at,
    };
  }
  // Three guards lost in a row: another decision is being written; its outcome is what stands.
  throw alreadyDecided();
}

function checkDecision(record: LifecycleRecord, input: CommissionDecisionInput): void {
  const selected = new Set(record.selected);
  const errors: FieldError[] = [];
  const mentioned = new Set<string>();
  for (const [list, entries] of [
    ['ranking', input.ranking],
    ['exclusions', input.exclusions],
  ] as const) {
    entries.forEach((entry, index) => {
      mentioned.add(entry.applicationId);
      if (!selected.has(entry.applicationId)) {
        errors.push({
          field: `body.${list}.${index}.applicationId`,
          message: 'Ce dossier ne fait pas partie des dossiers retenus par le robot pour cette offre.',
        });
      }
    });
  }
  const forgotten = record.selected.filter((id) => !mentioned.has(id));
  if (forgotten.length > 0) {
    errors.push({
      field: 'body.ranking',
      message: `Chaque dossier retenu doit être classé ou écarté ; manquant(s) : ${forgotten.join(', ')}.`,
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/** The offer's history, oldest first: robot result, commission decision, timer outcomes, answers. */
export async function getHistory(deps: LifecycleDeps, offerId: string, caller: Principal): Promise<HistoryView> {
  await landlordOffer(deps, offerId, caller);
  const [record, events] = await Promise.all([deps.store.record(offerId), deps.store.history(offerId)]);
  // The commission's reasons are free text about the applicants: the offer manager sees the steps only.
  const readsReasons = caller.roles.includes('commission') || caller.roles.includes('operator');
  return {
    offerId,
    ...(record && { stage: record.stage, round: record.round ?? 1, republishedAs: record.republishedAs }),
    events: events.map(({ at, kind, actor, details }) => ({ at, kind, actor, details: readsReasons ? details : withoutReasons(details) })),
  };
}

/**
 * Event details without the commission's free-text reasons (on the ranking's and exclusions'
 * entries); the system's own reason for an unfilled offer stays.
 */
function withoutReasons(details: Record<string, unknown>): Record<string, unknown> {
  const entryWithoutReason = (entry: unknown) =>
    entry && typeof entry === 'object' ? Object.fromEntries(Object.entries(entry).filter(([name]) => name !== 'reason')) : entry;
  return Object.fromEntries(
    Object.entries(details).map(([name, value]) => [name, Array.isArray(value) ? value.map(entryWithoutReason) : value]),
  );
}

const notOffered = () => new ConflictError('NOT_OFFERED', 'Ce logement ne vous est pas (ou plus) proposé.');

/**
 * The candidate offered the dwelling answers (R10): `accept` or `decline`.
 * 1. His application to that offer (404 without one). The same answer again: the same
 *    application (idempotent). Not offered to him, or another answer already given: 409
 *    `NOT_OFFERED`. Past the deadline: 409 `ANSWER_TOO_LATE`, with the deadline.
 * 2. One transaction, guarded by the status OFFERED and the deadline: the answer, the freed
 *    place, the e-mail that confirms the answer and the event. Of concurrent answers, one wins; the others read it.
 * 3. Then the waiting task is answered with the token read after the write (the task, when it
 *    stores its token, looks for an answer already written: none is lost between the two).
 */
export async function answerOffer(
  deps: LifecycleDeps,
  offerId: string,
  answer: 'ACCEPTED' | 'DECLINED',
  caller: Principal,
): Promise<ApplicationView> {
  const employeeId = caller.userId;
  const read = async () => (await deps.store.applicationsOf(offerId, [employeeId])).get(employeeId);
  const application = await read();
  if (!application) throw new NotFoundError('Aucune candidature à cette offre.');
  if (application.status === answer) return handedOver(deps, application, answer);
  if (application.status !== 'OFFERED' || !application.offeredUntil) throw notOffered();
  const now = deps.now();
  if (now.getTime() >= Date.parse(application.offeredUntil)) throw tooLate(application.offeredUntil);

  const at = now.toISOString();
  const items = deps.store.items;
  const written = await deps.store.transact([
    // Only before the deadline the candidate was given.
    items.moveApplication(
      application,
      ['OFFERED'],
      answer,
      { answeredAt: at, updatedAt: at },
      { expression: 'offeredUntil > :now', values: { ':now': at } },
    ),
    items.releasePlace(employeeId),
    items.notification(
      applicantEmail(application, answer === 'ACCEPTED' ? 'application-accepted' : 'application-declined', {}, at, deps.appUrl),
    ),
    items.event({
      offerId,
      at,
      kind: answer === 'ACCEPTED' ? 'CANDIDATE_ACCEPTED' : 'CANDIDATE_DECLINED',
      actor: 'candidate',
      details: { applicationId: employeeId, position: application.position },
    }),
  ]);
  if (!written) {
    const current = await read();
    if (current?.status === answer) return handedOver(deps, current, answer);
    if (current?.status === 'OFFERED' && current.offeredUntil) throw tooLate(current.offeredUntil);
    throw notOffered();
  }
  return handedOver(deps, { ...application, status: answer, answeredAt: at, updatedAt: at }, answer);
}

/**
 * Hands the stored answer to the waiting task, if a task waits for this candidate (read after
 * the answer was written). Also on a repeated answer: the first one's hand-over may have failed.
 */
async function handedOver(deps: LifecycleDeps, application: Application, answer: 'ACCEPTED' | 'DECLINED'): Promise<ApplicationView> {
  const record = await deps.store.record(application.offerId);
  if (record?.candidate === application.employeeId && record.candidateToken) await deps.answers.succeed(record.candidateToken, { answer });
  return applicationView(application);
}

function tooLate(offeredUntil: string) {
  const deadline = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(offeredUntil));
  return new ConflictError('ANSWER_TOO_LATE', `Le délai de réponse est dépassé : il fallait répondre avant le ${deadline}.`);
}
