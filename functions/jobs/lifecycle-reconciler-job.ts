import type { LifecyclePhase } from '#definitions/lifecycle.ts';
import { executionName } from '#offers/lifecycle-input.ts';
import type { LifecycleStarter } from '#offers/lifecycle-starter.ts';
import type { JobRunStore } from './job-run-store.ts';
import { recordedRun, stopMarginMs, type TimeLeft } from './scheduled-job.ts';
import type { ExecutionState, LifecycleExecutions } from './lifecycle-reconciler-executions.ts';
import type { LifecycleReconcilerStore, ReconcileCandidate } from './lifecycle-reconciler-store.ts';
import type { LifecycleStage } from '#lifecycle/lifecycle-schemas.ts';
import { errorName, logger } from '#shared/powertools.ts';

export const lifecycleReconcilerJobId = 'lifecycleReconciler';

/** A window closed this long ago with no scoring is stalled (scoring retries take minutes, not an hour). */
export const defaultScoringGraceMs = 3_600_000;

/**
 * After this many resumes the offer is left to the operator: a lifecycle that fails again and
 * again has a cause a new execution will not fix, and each resume notifies nobody but costs a run.
 */
export const maxResumeAttempts = 5;

export interface LifecycleReconcilerDeps {
  readonly store: LifecycleReconcilerStore;
  readonly executions: LifecycleExecutions;
  readonly starter: LifecycleStarter;
  readonly runs: JobRunStore;
  readonly scoringGraceMs: number;
}

export interface LifecycleReconcilerCounts {
  examined: number;
  healthy: number;
  resumed: number;
  /** Executions stopped because the window closed long ago and nothing was scored (each is also resumed). */
  stopped: number;
  /** The lifecycle ended but the offer is still listed (left to the lifecycle, which removes it with its last step). */
  ended: number;
  gaveUp: number;
  errors: number;
  incomplete: boolean;
}

type RepairReason = 'missing' | 'failed' | 'timed-out' | 'aborted' | 'succeeded' | 'stalled';

export type Repair =
  | { readonly kind: 'healthy' | 'ended' | 'gave-up' }
  | { readonly kind: 'resume'; readonly phase: LifecyclePhase; readonly reason: RepairReason; readonly stopFirst: boolean };

/**
 * The phase that continues a lifecycle from its stored state. Every task reads the stored state
 * and is idempotent, so the phase of the stored stage is safe to run again: before the record,
 * the window (open) or the scoring (closed); a closed offer without selection goes to scoring,
 * which ends it unfilled; commission and offering resume where they wait.
 */
export function phaseOf(stage: LifecycleStage | undefined, closesAt: string, now: Date): LifecyclePhase | undefined {
  switch (stage) {
    case undefined:
      return Date.parse(closesAt) > now.getTime() ? 'WINDOW' : 'SCORING';
    case 'CLOSED':
      return 'SCORING';
    case 'COMMISSION':
      return 'COMMISSION';
    case 'OFFERING':
      return 'OFFERING';
    case 'ATTRIBUTED':
    case 'UNFILLED':
      return undefined;
  }
}

const reasonOf: Record<Exclude<ExecutionState, 'RUNNING'>, RepairReason> = {
  ABSENT: 'missing',
  FAILED: 'failed',
  PENDING_REDRIVE: 'failed',
  TIMED_OUT: 'timed-out',
  ABORTED: 'aborted',
  SUCCEEDED: 'succeeded',
};

/** What one offer needs, from its stored stage, window end, resume count and execution state. */
export function repairOf(
  input: { stage?: LifecycleStage; closesAt: string; resumeAttempts: number; execution: ExecutionState },
  now: Date,
  scoringGraceMs: number,
): Repair {
  const phase = phaseOf(input.stage, input.closesAt, now);
  if (!phase) return { kind: 'ended' };
  let repair: Repair;
  if (input.execution === 'RUNNING') {
    const stalled = input.stage === undefined && Date.parse(input.closesAt) + scoringGraceMs <= now.getTime();
    if (!stalled) return { kind: 'healthy' };
    repair = { kind: 'resume', phase: 'SCORING', reason: 'stalled', stopFirst: true };
  } else {
    repair = { kind: 'resume', phase, reason: reasonOf[input.execution], stopFirst: false };
  }
  return input.resumeAttempts >= maxResumeAttempts ? { kind: 'gave-up' } : repair;
}

/**
 * Repairs one offer: reads its stored state and its current execution, and when they disagree,
 * stops the stalled execution if any, starts the next one at the phase of the stored stage, and
 * records it with a `LIFECYCLE_RESUMED` event. An offer never resumed whose first execution does
 * not exist gets that first execution (named by the offer id, as publication names it: a
 * publication starting it at the same moment starts it once).
 */
async function reconcileOffer(
  deps: LifecycleReconcilerDeps,
  candidate: ReconcileCandidate,
  now: Date,
): Promise<{ repair: Repair; recorded: boolean }> {
  const { offer, record, reconcile } = candidate;
  const currentArn = reconcile?.executionArn ?? deps.executions.arnOf(executionName(offer.offerId));
  const execution = await deps.executions.state(currentArn);
  const repair = repairOf(
    { stage: record?.stage, closesAt: offer.closesAt, resumeAttempts: reconcile?.resumeAttempts ?? 0, execution },
    now,
    deps.scoringGraceMs,
  );
  if (repair.kind !== 'resume') return { repair, recorded: false };

  if (repair.stopFirst) await deps.executions.stop(currentArn, 'Window closed and not scored after the grace period');
  const firstStart = !reconcile && !record && execution === 'ABSENT';
  const resume = firstStart ? undefined : { phase: repair.phase, attempt: (reconcile?.resumeAttempts ?? 0) + 1 };
  // The stored window end: the execution's Wait state reads it from the input.
  const started = await deps.starter.start({ offerId: offer.offerId, closesAt: offer.closesAt }, resume);
  const name = executionName(offer.offerId, resume);
  // Already started by an earlier run that stopped before recording it: recorded now.
  const executionArn = started.executionArn ?? deps.executions.arnOf(name);
  const at = now.toISOString();
  const recorded = await deps.store.recordResume(
    reconcile,
    { offerId: offer.offerId, executionArn, resumeAttempts: resume?.attempt ?? 0, phase: repair.phase, resumedAt: at },
    {
      offerId: offer.offerId,
      at,
      kind: 'LIFECYCLE_RESUMED',
      actor: 'reconciler',
      details: { phase: repair.phase, reason: repair.reason, execution: name, previousExecution: execution, attempt: resume?.attempt ?? 0 },
    },
  );
  return { repair, recorded };
}

/**
 * The lifecycle reconciler, at the time `now`:
 * 1. Record the run as started.
 * 2. Read the offers under a live lifecycle (GSI3 `LIFECYCLE#ACTIVE`) page by page, until done or
 *    close to the deadline (no Scan).
 * 3. For each, read the offer, its lifecycle record and the reconciler's item, and the state of
 *    its current execution; a running execution is healthy unless the window closed more than the
 *    grace period ago with nothing scored (then it is stopped); a missing, failed, timed-out,
 *    aborted or finished one is replaced by a new execution resumed at the phase of the stored
 *    stage, recorded with an audit event.
 * 4. Record the run's counts as its outcome and as the job's last run.
 */
export async function runLifecycleReconciler(
  deps: LifecycleReconcilerDeps,
  now: Date,
  timeLeft: TimeLeft = () => Infinity,
): Promise<LifecycleReconcilerCounts> {
  const counts: LifecycleReconcilerCounts = {
    examined: 0,
    healthy: 0,
    resumed: 0,
    stopped: 0,
    ended: 0,
    gaveUp: 0,
    errors: 0,
    incomplete: false,
  };
  return recordedRun(deps.runs, lifecycleReconcilerJobId, now, counts, async () => {
    let cursor: Record<string, unknown> | undefined;
    pages: do {
      const page = await deps.store.activePage(cursor);
      for (const offerId of page.offerIds) {
        // Checked per offer: one repair is several calls, and a page can hold many.
        if (timeLeft() < stopMarginMs) {
          counts.incomplete = true;
          break pages;
        }
        counts.examined += 1;
        try {
          const candidate = await deps.store.candidate(offerId);
          if (!candidate) continue;
          const { repair, recorded } = await reconcileOffer(deps, candidate, now);
          if (repair.kind === 'healthy') counts.healthy += 1;
          else if (repair.kind === 'ended') counts.ended += 1;
          else if (repair.kind === 'gave-up') counts.gaveUp += 1;
          // Not recorded: another run resumed the offer first.
          else if (recorded) {
            counts.resumed += 1;
            if (repair.kind === 'resume' && repair.stopFirst) counts.stopped += 1;
          }
        } catch (error) {
          counts.errors += 1;
          logger.warn('Lifecycle not reconciled', { offerId, errorName: errorName(error) });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  });
}
