import { TIMER_LIMIT_MS, unwrapTimeout, type TaskSpec } from './asl-preparation.ts';
import { ExecutionClosed, StepFunctionsApiError, TaskFailure } from './errors.ts';
import type { Execution } from './executions.ts';
import { handlerFailure, handlerInput, taskResult, type Json } from './lambda-payloads.ts';

/** One attempt of a Task state, and the task tokens by which callback tasks are answered. */

export type CallbackOutcome = { ok: true; output: Json } | { ok: false; error: string; cause: string };

type TokenEntry = { readonly state: 'waiting'; readonly settle: (outcome: CallbackOutcome) => void } | { readonly state: 'closed' };

const CLOSED: TokenEntry = { state: 'closed' };

/** Every token issued; kept after use, so a used or expired token is told apart from one never issued. */
export class TaskTokens {
  private readonly entries = new Map<string, TokenEntry>();

  wait(token: string, settle: (outcome: CallbackOutcome) => void): void {
    this.entries.set(token, { state: 'waiting', settle });
  }

  close(token: string): void {
    this.entries.set(token, CLOSED);
  }

  /** Settles the task waiting on `token`, or throws the API error AWS answers. */
  settle(token: string, outcome: CallbackOutcome): void {
    this.waiting(token).settle(outcome);
  }

  waiting(token: string): Extract<TokenEntry, { state: 'waiting' }> {
    const entry = this.entries.get(token);
    if (!entry) throw new StepFunctionsApiError('InvalidToken', 'Invalid Token');
    // AWS answers TaskTimedOut for tokens of tasks that timed out, completed or were aborted.
    if (entry.state === 'closed') throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out');
    return entry;
  }
}

export interface TaskAttempt {
  readonly execution: Execution;
  readonly stateName: string;
  readonly spec: TaskSpec;
  readonly raw: Json;
}

export interface AttemptContext {
  readonly tokens: TaskTokens;
  /** The library's own States.Timeout class (see `statesTimeoutErrorClass`). */
  readonly StatesTimeout: new () => Error;
  /** Told once a callback task waits for its token. */
  readonly onCallbackWaiting: (stateName: string, token: string) => void;
}

/**
 * One attempt of a Task state (the library calls it again on Retry). The library does not
 * cancel handlers: whatever settles the attempt first (handler, token answer, timeout, the
 * execution closing) wins, and later results are dropped.
 */
export function runTaskAttempt({ execution, stateName, spec, raw }: TaskAttempt, context: AttemptContext): Promise<Json> {
  const token = execution.claimToken();
  // The library re-enters a state when an abort lands during a Retry pause.
  if (execution.closed) return Promise.reject(new ExecutionClosed());
  const { payload, timeoutSeconds } = unwrapTimeout(spec, raw);
  let resolve: (output: Json) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const attempt = new Promise<Json>((onSuccess, onFailure) => {
    resolve = onSuccess;
    reject = onFailure;
  });
  const cleanups: Array<() => void> = [];
  let settled = false;
  const finish = (settle: () => void) => {
    if (settled) return;
    settled = true;
    for (const cleanup of cleanups) cleanup();
    execution.cleanups.delete(abandon);
    settle();
  };
  // Failing the attempt once the execution has closed lets the library unwind and clear its
  // own task timer, which would otherwise keep the process alive for days.
  const abandon = () => finish(() => reject(new ExecutionClosed()));
  execution.cleanups.add(abandon);

  if (timeoutSeconds !== undefined) {
    // Past the timer limit the library's own task timer (see prepareState) fires first anyway.
    const ms = Math.min(timeoutSeconds * 1000, TIMER_LIMIT_MS);
    const timer = setTimeout(() => finish(() => reject(new context.StatesTimeout())), ms);
    cleanups.push(() => clearTimeout(timer));
  }
  if (spec.callback && token) {
    context.tokens.wait(token, (outcome) =>
      finish(() => (outcome.ok ? resolve(outcome.output) : reject(new TaskFailure(outcome.error, outcome.cause)))),
    );
    cleanups.push(() => context.tokens.close(token));
  }

  const handler = execution.machine.handlers[stateName];
  const invoked = handler
    ? new Promise<unknown>((resolve) => resolve(handler(handlerInput(spec.integration, payload))))
    : Promise.resolve(undefined);
  invoked.then(
    (result) => {
      // A callback task's own invocation result is not its output: the token's answer is.
      if (!spec.callback) finish(() => resolve(taskResult(spec.integration, result)));
    },
    (error: unknown) => finish(() => reject(handlerFailure(spec.integration, error))),
  );
  if (spec.callback && token && !settled) context.onCallbackWaiting(stateName, token);
  return attempt;
}
