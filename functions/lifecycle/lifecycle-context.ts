import type { ScoringGrid } from '#scoring/grid.ts';
import type { CloseCheckRules } from './close-check.ts';
import type { LifecycleStore } from './lifecycle-store.ts';

/** Hands a waiting task its result (Step Functions `SendTaskSuccess`). */
export interface TaskAnswers {
  /** False when the task no longer waits (answered, timed out, or its execution ended). */
  succeed(token: string, output: Record<string, unknown>): Promise<boolean>;
}

/** What the lifecycle's tasks and routes run with (wired in `lifecycle-deps.ts`). */
export interface LifecycleDeps {
  readonly store: LifecycleStore;
  readonly grids: { inForce(now: Date): Promise<ScoringGrid> };
  readonly answers: TaskAnswers;
  readonly appUrl: string;
  /** The rules the re-check at the close applies (issue #13 item 2). */
  readonly closeCheck: CloseCheckRules;
  readonly now: () => Date;
  /** How many transactions the robot runs at once. */
  readonly writeConcurrency: number;
  /** Applications scored per transaction (each brings up to 3 items; a transaction holds 100). */
  readonly applicationsPerTransaction: number;
}
