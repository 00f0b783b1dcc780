import { randomBytes } from 'node:crypto';
import type { PreparedMachine } from './asl-preparation.ts';

/** One execution of a state machine: its status and output as DescribeExecution reports them, and its task token. */

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface ClosedOutcome {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: string;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
}

export class Execution {
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  abort: () => void = () => undefined;
  /** Run when the execution closes: refuse its tokens, clear its timers. */
  readonly cleanups = new Set<() => void>();
  private pendingToken: string | undefined;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly machine: PreparedMachine,
    readonly input: string,
    readonly startDate: Date,
  ) {}

  get closed(): boolean {
    return this.status !== 'RUNNING';
  }

  /**
   * `$$.Task.Token`. The library reads it while resolving the task's Parameters and then, in the
   * same synchronous run, calls the task's local handler, which claims it; until claimed, every
   * read returns the same token, as AWS gives one token per task attempt.
   */
  issueToken(): string {
    this.pendingToken ??= randomBytes(48).toString('base64url');
    return this.pendingToken;
  }

  claimToken(): string | undefined {
    const token = this.pendingToken;
    this.pendingToken = undefined;
    return token;
  }

  /** Records the outcome and runs the cleanups; false when the execution had already closed. */
  close(outcome: ClosedOutcome): boolean {
    if (this.closed) return false;
    this.status = outcome.status;
    this.stopDate = new Date();
    this.output = outcome.output;
    this.error = outcome.error;
    this.cause = outcome.cause;
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups.clear();
    return true;
  }

  describe(): ExecutionDescription {
    const { arn: executionArn, name, status, startDate, stopDate, input, output, error, cause } = this;
    return {
      executionArn,
      stateMachineArn: this.machine.arn,
      name,
      status,
      startDate,
      input,
      ...(stopDate && { stopDate }),
      ...(output !== undefined && { output }),
      ...(error !== undefined && { error }),
      ...(cause !== undefined && { cause }),
    };
  }
}
