import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ExecutionError, type RunOptions, type StateMachine } from 'aws-local-stepfunctions';
import {
  prepareMachine,
  statesTimeoutErrorClass,
  TIMER_LIMIT_MS,
  type LocalStateMachine,
  type PreparedMachine,
} from './asl-preparation.ts';
import { StepFunctionsApiError, UnsupportedDefinitionError, type ApiErrorCode } from './errors.ts';
import { Execution, type ClosedOutcome, type ExecutionDescription, type ExecutionStatus } from './executions.ts';
import { toJson, type Json, type LocalHandlers } from './lambda-payloads.ts';
import { runTaskAttempt, TaskTokens } from './task-attempts.ts';

/**
 * The Step Functions API, in-process: Standard-workflow executions run by aws-local-stepfunctions,
 * with the parts the library leaves out done here: task tokens and callbacks, task timeouts, the
 * top-level timeout, execution names and the bookkeeping DescribeExecution needs. `server.ts`
 * serves it over the AWS JSON protocol.
 */

type RunContext = NonNullable<RunOptions['context']>;
type EventLogs = ReturnType<StateMachine['run']>['eventLogs'];

export interface StateMachineDescription {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly creationDate: Date;
}

/** What a waiting callback task publishes, for tools and tests that play the other party. */
export interface CallbackWaiting {
  readonly executionArn: string;
  readonly stateName: string;
  readonly token: string;
}

/** A state an execution entered (top-level and nested alike): one state transition as AWS bills them. */
export interface StateEntered {
  readonly executionArn: string;
  readonly stateName: string;
  readonly stateType: string;
}

export type RuntimeEvents = {
  executionClosed: [ExecutionDescription];
  callbackWaiting: [CallbackWaiting];
  stateEntered: [StateEntered];
};

interface RegisteredMachine extends PreparedMachine {
  readonly executionsByName: Map<string, Execution>;
}

export interface RuntimeOptions {
  readonly region: string;
  readonly accountId: string;
  readonly stateMachines: readonly LocalStateMachine[];
}

/** Builds the runtime; validates each definition once, here, so executions start at once. */
export async function createLocalStepFunctions(options: RuntimeOptions): Promise<LocalStepFunctions> {
  return new LocalStepFunctions(options, await statesTimeoutErrorClass());
}

export class LocalStepFunctions {
  readonly events = new EventEmitter<RuntimeEvents>();
  private readonly machines = new Map<string, RegisteredMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new TaskTokens();

  constructor(
    private readonly options: RuntimeOptions,
    private readonly StatesTimeout: new () => Error,
  ) {
    for (const machine of options.stateMachines) {
      const arn = this.stateMachineArn(machine.name);
      if (this.machines.has(arn)) throw new UnsupportedDefinitionError(`state machine ${machine.name} is defined twice`);
      this.machines.set(arn, { ...prepareMachine(arn, machine), executionsByName: new Map() });
    }
  }

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.options.region}:${this.options.accountId}:stateMachine:${name}`;
  }

  describeStateMachine(stateMachineArn: string): StateMachineDescription {
    const machine = this.machine(stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      definition: machine.definitionText,
      roleArn: `arn:aws:iam::${this.options.accountId}:role/local-stepfunctions`,
      creationDate: machine.createdAt,
    };
  }

  /**
   * Starts an execution. Like AWS for Standard workflows: the same name and input while the
   * first is running returns it again; any other reuse of a name is ExecutionAlreadyExists.
   */
  startExecution(request: { stateMachineArn: string; name?: string; input?: string }): ExecutionDescription {
    const machine = this.machine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u.test(name)) {
      throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = request.input ?? '{}';
    const parsedInput = parseJson(input, 'InvalidExecutionInput');
    const existing = machine.executionsByName.get(name);
    if (existing) {
      const sameInput = JSON.stringify(JSON.parse(existing.input)) === JSON.stringify(parsedInput);
      if (existing.status === 'RUNNING' && sameInput) return existing.describe();
      throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
    }

    const arn = `arn:aws:states:${this.options.region}:${this.options.accountId}:execution:${machine.name}:${name}`;
    const execution = new Execution(arn, name, machine, input, new Date());
    machine.executionsByName.set(name, execution);
    this.executions.set(arn, execution);

    const context: RunContext = {
      Execution: { Id: arn, Name: name },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: {
        get Token() {
          return execution.issueToken();
        },
      },
    };
    const attemptContext = {
      tokens: this.tokens,
      StatesTimeout: this.StatesTimeout,
      onCallbackWaiting: (stateName: string, token: string) => this.events.emit('callbackWaiting', { executionArn: arn, stateName, token }),
    };
    const taskResourceLocalHandlers: LocalHandlers = {};
    for (const [stateName, spec] of machine.tasks) {
      taskResourceLocalHandlers[stateName] = (raw) => runTaskAttempt({ execution, stateName, spec, raw }, attemptContext);
    }
    const run = machine.engine.run(parsedInput, { overrides: { taskResourceLocalHandlers }, context, noThrowOnAbort: true });
    execution.abort = run.abort;
    void this.forwardStateEvents(arn, run.eventLogs);
    if (machine.topLevelTimeoutSeconds !== undefined) {
      const clear = setLongTimeout(machine.topLevelTimeoutSeconds * 1000, () => {
        this.closeExecution(execution, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' });
        run.abort();
      });
      execution.cleanups.add(clear);
    }
    run.result.then(
      (output) => this.closeExecution(execution, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: unknown) => this.closeExecution(execution, { status: 'FAILED', ...errorOf(error) }),
    );
    return execution.describe();
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return this.execution(executionArn).describe();
  }

  listExecutions(stateMachineArn: string, statusFilter?: ExecutionStatus): ExecutionDescription[] {
    const machine = this.machine(stateMachineArn);
    return [...machine.executionsByName.values()]
      .filter((execution) => !statusFilter || execution.status === statusFilter)
      .map((execution) => execution.describe())
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  /** Aborts a running execution; on a closed one it changes nothing and returns its stop date. */
  stopExecution(request: { executionArn: string; error?: string; cause?: string }): Date {
    const execution = this.execution(request.executionArn);
    if (!execution.closed) {
      this.closeExecution(execution, { status: 'ABORTED', error: request.error, cause: request.cause });
      execution.abort();
    }
    return execution.stopDate ?? new Date();
  }

  sendTaskSuccess(token: string, output: string): void {
    const parsed = parseJson(output, 'InvalidOutput');
    this.tokens.settle(token, { ok: true, output: parsed });
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.tokens.settle(token, { ok: false, error: error ?? 'States.TaskFailed', cause: cause ?? '' });
  }

  /** Accepted for a waiting task; heartbeat timeouts are not enforced locally. */
  sendTaskHeartbeat(token: string): void {
    this.tokens.waiting(token);
  }

  /** Aborts everything still running, clearing every timer, so the process can exit. */
  shutdown(): void {
    for (const execution of this.executions.values()) {
      if (execution.closed) continue;
      this.closeExecution(execution, { status: 'ABORTED', error: 'LocalShutdown', cause: 'The local cloud stopped' });
      execution.abort();
    }
  }

  /** The library queues its event log until read; reading it also keeps that queue empty. */
  private async forwardStateEvents(executionArn: string, events: EventLogs): Promise<void> {
    for await (const event of events) {
      if (event.type === 'StateEntered')
        this.events.emit('stateEntered', { executionArn, stateName: event.state.name, stateType: event.state.type });
    }
  }

  private closeExecution(execution: Execution, outcome: ClosedOutcome): void {
    if (execution.close(outcome)) this.events.emit('executionClosed', execution.describe());
  }

  private machine(stateMachineArn: string): RegisteredMachine {
    assertArn(stateMachineArn);
    const machine = this.machines.get(stateMachineArn);
    if (!machine) {
      throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    }
    return machine;
  }

  private execution(executionArn: string): Execution {
    assertArn(executionArn);
    const execution = this.executions.get(executionArn);
    if (!execution) throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }
}

function assertArn(arn: string): void {
  if (!/^arn:[^:]+:states:[^:]*:[^:]*:/.test(arn)) throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: '${arn}'`);
}

function parseJson(text: string, code: ApiErrorCode): Json {
  try {
    return toJson(JSON.parse(text));
  } catch {
    throw new StepFunctionsApiError(code, 'Invalid JSON');
  }
}

function errorOf(error: unknown): { error: string; cause: string } {
  const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
  if (failure instanceof Error) return { error: failure.name, cause: failure.message };
  return { error: 'States.Runtime', cause: String(failure) };
}

/** setTimeout that can wait longer than Node's limit (a lifecycle may last months); returns the cancel function. */
function setLongTimeout(ms: number, fire: () => void): () => void {
  const deadline = Date.now() + ms;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = deadline - Date.now();
    timer = left > TIMER_LIMIT_MS ? setTimeout(arm, TIMER_LIMIT_MS) : setTimeout(fire, Math.max(0, left));
  };
  arm();
  return () => clearTimeout(timer);
}
