import * as z from 'zod';
import { lifecyclePhases, selectionRounds, type LifecycleDurations, type LifecyclePhase } from '#definitions/lifecycle.ts';
import { durationMs } from './offer-rules.ts';

/**
 * The input of an offer's execution. Durations are turned into seconds here, from the
 * configuration, so that the state machine reads them with `TimeoutSecondsPath` and the same
 * definition runs with seconds in tests and days in production.
 */
export const lifecycleInputSchema = z.object({
  offerId: z.string(),
  /** End of the application window; the execution waits until then. */
  closesAt: z.iso.datetime(),
  phase: z.enum(lifecyclePhases),
  /** How many selection rounds the offer may have (the stage's `SELECTION_ROUNDS`, `selectionRounds` by default). */
  rounds: z.int().min(1),
  timeouts: z.object({
    commissionSeconds: z.int().positive(),
    commissionGraceSeconds: z.int().positive(),
    acceptanceSeconds: z.int().positive(),
  }),
});
export type LifecycleInput = z.output<typeof lifecycleInputSchema>;

/** The durations an execution counts itself (the window is counted by `closesAt`). */
export type LifecycleTimeouts = Pick<LifecycleDurations, 'commissionDeadline' | 'commissionGrace' | 'acceptancePeriod'>;

const seconds = (duration: string) => Math.max(1, Math.ceil(durationMs(duration) / 1000));

export function lifecycleInput(
  offer: { readonly offerId: string; readonly closesAt: string },
  phase: LifecyclePhase,
  durations: LifecycleTimeouts,
  rounds = selectionRounds,
): LifecycleInput {
  return {
    offerId: offer.offerId,
    closesAt: offer.closesAt,
    phase,
    rounds,
    timeouts: {
      commissionSeconds: seconds(durations.commissionDeadline),
      commissionGraceSeconds: seconds(durations.commissionGrace),
      acceptanceSeconds: seconds(durations.acceptancePeriod),
    },
  };
}

/**
 * An offer's first execution is named by its id, so that starting it twice starts it once. A
 * resumed lifecycle (reconciler) gets `<offerId>.<phase>.<n>`: names are never reused.
 */
export const executionName = (offerId: string, resume?: { phase: LifecyclePhase; attempt: number }) =>
  resume ? `${offerId}.${resume.phase.toLowerCase()}.${resume.attempt}` : offerId;
