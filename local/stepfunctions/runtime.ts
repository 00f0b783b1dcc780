import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  ExecutionError,
  StateMachine,
  type RunOptions,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { z } from 'zod';

/**
 * Standard-workflow executions run in-process by aws-local-stepfunctions, with the parts the
 * library leaves out done here: task tokens and callbacks, task timeouts (including
 * `TimeoutSecondsPath`, which the library resolves against the wrong input), the top-level
 * timeout, execution names and the bookkeeping DescribeExecution needs.
 */

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type Json = Parameters<LocalHandlers[string]>[0];
type RunContext = NonNullable<RunOptions['context']>;
type EventLogs = ReturnType<StateMachine['run']>['eventLogs'];

/** Runs a Task state locally. For `lambda:invoke` tasks it gets the `Payload` and returns what the function returns. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface LocalStateMachine {
  readonly name: string;
  /** ASL, e.g. from `stateMachinesFromTemplate`. */
  readonly definition: object;
  /** Keyed by Task state name; every Task state needs one, except `.waitForTaskToken` tasks. */
  readonly taskHandlers: Readonly<Record<string, TaskHandler>>;
}

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

/** The Step Functions API exceptions the local run raises, named as the SDK names them. */
export type ApiErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'StateMachineDoesNotExist'
  | 'InvalidArn'
  | 'InvalidName'
  | 'InvalidExecutionInput'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'TaskTimedOut'
  | 'ValidationException';

export class StepFunctionsApiError extends Error {
  override readonly name = 'StepFunctionsApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A definition the local run cannot execute faithfully; raised at start-up, never per execution. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = 'UnsupportedDefinitionError';
}

/** A task failure as the workflow sees it: `name` is the ASL error name, `message` the cause. */
class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** Ends what is left of a closed execution inside the library; no Retry or Catch may match it. */
class ExecutionClosed extends Error {
  override readonly name = 'ExecutionClosed';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

/** Like the library's States.Runtime: ends the execution, no Retry or Catch applies. */
class StatesRuntimeFailure extends Error {
  override readonly name = 'States.Runtime';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

/** Node timers overflow past 2^31-1 ms (about 24.8 days) and then fire at once. */
const TIMER_LIMIT_MS = 0x7fffffff;
const TIMER_LIMIT_SECONDS = Math.floor(TIMER_LIMIT_MS / 1000);
const TIMEOUT_KEY = '__localTimeoutSeconds';
const PAYLOAD_KEY = '__localPayload';

type Integration = 'lambda:invoke' | 'lambda' | 'other';

interface TaskSpec {
  readonly callback: boolean;
  readonly integration: Integration;
  readonly timeoutSeconds?: number;
  readonly timeoutFromPath: boolean;
}

interface CompiledMachine {
  readonly arn: string;
  readonly name: string;
  readonly definitionText: string;
  readonly engine: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskSpec>;
  readonly handlers: Readonly<Record<string, TaskHandler>>;
  readonly topLevelTimeoutSeconds?: number;
  readonly createdAt: Date;
  readonly executionsByName: Map<string, Execution>;
}

class Execution {
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
    readonly machine: CompiledMachine,
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

interface ClosedOutcome {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: string;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
}

type TokenEntry =
  | { readonly state: 'waiting'; readonly settle: (outcome: CallbackOutcome) => void }
  | { readonly state: 'closed' };
type CallbackOutcome = { ok: true; output: Json } | { ok: false; error: string; cause: string };

const CLOSED: TokenEntry = { state: 'closed' };

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
  private readonly machines = new Map<string, CompiledMachine>();
  private readonly executions = new Map<string, Execution>();
  /** Kept after use, so a used or expired token is told apart from one never issued. */
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(
    private readonly options: RuntimeOptions,
    private readonly StatesTimeout: new () => Error,
  ) {
    for (const machine of options.stateMachines) {
      const arn = this.stateMachineArn(machine.name);
      if (this.machines.has(arn)) throw new UnsupportedDefinitionError(`state machine ${machine.name} is defined twice`);
      this.machines.set(arn, compile(arn, machine));
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
      Task: { get Token() { return execution.issueToken(); } },
    };
    const taskResourceLocalHandlers: LocalHandlers = {};
    for (const [stateName, spec] of machine.tasks) {
      taskResourceLocalHandlers[stateName] = (payload) => this.runTask(execution, stateName, spec, payload);
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
    this.waitingToken(token).settle({ ok: true, output: parsed });
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.waitingToken(token).settle({ ok: false, error: error ?? 'States.TaskFailed', cause: cause ?? '' });
  }

  /** Accepted for a waiting task; heartbeat timeouts are not enforced locally. */
  sendTaskHeartbeat(token: string): void {
    this.waitingToken(token);
  }

  /** Aborts everything still running, clearing every timer, so the process can exit. */
  shutdown(): void {
    for (const execution of this.executions.values()) {
      if (execution.closed) continue;
      this.closeExecution(execution, { status: 'ABORTED', error: 'LocalShutdown', cause: 'The local cloud stopped' });
      execution.abort();
    }
  }

  /**
   * One attempt of a Task state (the library calls it again on Retry). The library does not
   * cancel handlers: whatever settles the attempt first (handler, token answer, timeout, the
   * execution closing) wins, and later results are dropped.
   */
  private runTask(execution: Execution, stateName: string, spec: TaskSpec, raw: Json): Promise<Json> {
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
      cleanups.forEach((cleanup) => cleanup());
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
      const timer = setTimeout(() => finish(() => reject(new this.StatesTimeout())), ms);
      cleanups.push(() => clearTimeout(timer));
    }
    if (spec.callback && token) {
      this.tokens.set(token, {
        state: 'waiting',
        settle: (outcome) =>
          finish(() => (outcome.ok ? resolve(outcome.output) : reject(new TaskFailure(outcome.error, outcome.cause)))),
      });
      cleanups.push(() => this.tokens.set(token, CLOSED));
    }

    const handler = execution.machine.handlers[stateName];
    const invoked = handler
      ? new Promise<unknown>((resolve) => resolve(handler(handlerInput(spec, payload))))
      : Promise.resolve(undefined);
    invoked.then(
      (result) => {
        // A callback task's own invocation result is not its output: the token's answer is.
        if (!spec.callback) finish(() => resolve(taskResult(spec, result)));
      },
      (error: unknown) => finish(() => reject(handlerFailure(spec, error))),
    );
    if (spec.callback && token && !settled) {
      this.events.emit('callbackWaiting', { executionArn: execution.arn, stateName, token });
    }
    return attempt;
  }

  /** The library queues its event log until read; reading it also keeps that queue empty. */
  private async forwardStateEvents(executionArn: string, events: EventLogs): Promise<void> {
    for await (const event of events) {
      if (event.type === 'StateEntered') this.events.emit('stateEntered', { executionArn, stateName: event.state.name, stateType: event.state.type });
    }
  }

  private waitingToken(token: string): Extract<TokenEntry, { state: 'waiting' }> {
    const entry = this.tokens.get(token);
    if (!entry) throw new StepFunctionsApiError('InvalidToken', 'Invalid Token');
    // AWS answers TaskTimedOut for tokens of tasks that timed out, completed or were aborted.
    if (entry.state === 'closed') throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out');
    return entry;
  }

  private closeExecution(execution: Execution, outcome: ClosedOutcome): void {
    if (execution.closed) return;
    execution.status = outcome.status;
    execution.stopDate = new Date();
    execution.output = outcome.output;
    execution.error = outcome.error;
    execution.cause = outcome.cause;
    for (const cleanup of execution.cleanups) cleanup();
    execution.cleanups.clear();
    this.events.emit('executionClosed', execution.describe());
  }

  private machine(stateMachineArn: string): CompiledMachine {
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

/** What Lambda would do to a return value: a JSON round trip (Dates become strings, undefined null). */
function toJson(value: unknown): Json {
  return value === undefined ? null : z.json().parse(JSON.parse(JSON.stringify(value)));
}

function errorOf(error: unknown): { error: string; cause: string } {
  const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
  if (failure instanceof Error) return { error: failure.name, cause: failure.message };
  return { error: 'States.Runtime', cause: String(failure) };
}

function unwrapTimeout(spec: TaskSpec, raw: Json): { payload: Json; timeoutSeconds?: number } {
  if (!spec.timeoutFromPath) {
    return { payload: raw, ...(spec.timeoutSeconds !== undefined && { timeoutSeconds: spec.timeoutSeconds }) };
  }
  const wrapped = z.object({ [TIMEOUT_KEY]: z.unknown(), [PAYLOAD_KEY]: z.json() }).parse(raw);
  const seconds = wrapped[TIMEOUT_KEY];
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new StatesRuntimeFailure('TimeoutSecondsPath must select a positive integer');
  }
  return { payload: wrapped[PAYLOAD_KEY] ?? null, timeoutSeconds: seconds };
}

/** `lambda:invoke` passes only `Payload` to the function, as Lambda does. */
function handlerInput(spec: TaskSpec, payload: Json): unknown {
  if (spec.integration !== 'lambda:invoke') return payload;
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload.Payload ?? {}) : {};
}

/** `lambda:invoke` answers with the Invoke response, whose `Payload` is the function's result. */
function taskResult(spec: TaskSpec, result: unknown): Json {
  const payload = toJson(result);
  return spec.integration === 'lambda:invoke' ? { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 } : payload;
}

/** Lambda reports a thrown error as its name, with the error as JSON in the cause. */
function handlerFailure(spec: TaskSpec, error: unknown): TaskFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const cause = spec.integration === 'other' ? message : JSON.stringify({ errorType: name, errorMessage: message });
  return new TaskFailure(name, cause);
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

const definitionSchema = z.looseObject({
  StartAt: z.string(),
  TimeoutSeconds: z.number().int().positive().optional(),
  States: z.record(z.string(), z.looseObject({ Type: z.string() })),
});
type AslDefinition = z.infer<typeof definitionSchema>;
type AslState = AslDefinition['States'][string];

const taskSchema = z.looseObject({
  Type: z.literal('Task'),
  Resource: z.string(),
  TimeoutSeconds: z.number().int().positive().optional(),
  TimeoutSecondsPath: z.string().optional(),
  Parameters: z.unknown().optional(),
});

function compile(arn: string, machine: LocalStateMachine): CompiledMachine {
  const tasks = new Map<string, TaskSpec>();
  const { TimeoutSeconds: topLevelTimeoutSeconds, ...definition } = definitionSchema.parse(machine.definition);
  // The top-level timeout is ours: the library's would overflow Node's timer past ~24.8 days.
  const engineDefinition = prepareDefinition(definition, tasks);

  // Without a handler the library would call the placeholder ARN on real AWS; say so at start-up.
  const problems = [
    ...[...tasks]
      .filter(([name, spec]) => !spec.callback && !machine.taskHandlers[name])
      .map(([name]) => `Task ${name} has no local handler`),
    ...Object.keys(machine.taskHandlers)
      .filter((name) => !tasks.has(name))
      .map((name) => `handler ${name} matches no Task state`),
  ];
  if (problems.length > 0) throw new UnsupportedDefinitionError(`${machine.name}: ${problems.join('; ')}`);
  let engine: StateMachine;
  try {
    // The definition's shape is checked by the library's validator, here, once per state machine.
    engine = new StateMachine(engineDefinition as unknown as StateMachineDefinition);
  } catch (error) {
    throw new UnsupportedDefinitionError(`${machine.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    arn,
    name: machine.name,
    definitionText: JSON.stringify(machine.definition),
    engine,
    tasks,
    handlers: machine.taskHandlers,
    ...(topLevelTimeoutSeconds !== undefined && { topLevelTimeoutSeconds }),
    createdAt: new Date(),
    executionsByName: new Map(),
  };
}

/** Rewrites Task states (also inside Parallel and Map) so that this runtime owns their timeouts. */
function prepareDefinition(definition: AslDefinition, tasks: Map<string, TaskSpec>): AslDefinition {
  const states = Object.entries(definition.States).map(([name, state]) => [name, prepareState(name, state, tasks)] as const);
  return { ...definition, States: Object.fromEntries(states) };
}

function prepareState(name: string, state: AslState, tasks: Map<string, TaskSpec>): AslState {
  const nested = (value: unknown) => prepareDefinition(definitionSchema.parse(value), tasks);
  switch (state.Type) {
    case 'Parallel':
      return { ...state, Branches: z.array(z.unknown()).parse(state.Branches).map(nested) };
    case 'Map':
      return {
        ...state,
        ...(state.Iterator !== undefined && { Iterator: nested(state.Iterator) }),
        ...(state.ItemProcessor !== undefined && { ItemProcessor: nested(state.ItemProcessor) }),
      };
    case 'Task':
      break;
    default:
      return state;
  }
  const { TimeoutSeconds, TimeoutSecondsPath, Parameters, ...task } = taskSchema.parse(state);
  if (tasks.has(name)) throw new UnsupportedDefinitionError(`two Task states are named ${name}`);
  tasks.set(name, {
    callback: task.Resource.endsWith('.waitForTaskToken'),
    integration: /^arn:[^:]+:states:::lambda:invoke(\.|$)/.test(task.Resource)
      ? 'lambda:invoke'
      : /^arn:[^:]+:lambda:/.test(task.Resource)
        ? 'lambda'
        : 'other',
    ...(TimeoutSeconds !== undefined && { timeoutSeconds: TimeoutSeconds }),
    timeoutFromPath: TimeoutSecondsPath !== undefined,
  });
  // The library's own task timer would default to 60 s where AWS has none; keep it out of the way.
  const prepared: AslState = { ...task, TimeoutSeconds: TIMER_LIMIT_SECONDS };
  if (TimeoutSecondsPath === undefined) return Parameters === undefined ? prepared : { ...prepared, Parameters };
  // Resolve the path against the state's input, as AWS does, by letting Parameters carry it.
  return {
    ...prepared,
    Parameters: {
      [`${TIMEOUT_KEY}.$`]: TimeoutSecondsPath,
      ...(Parameters === undefined ? { [`${PAYLOAD_KEY}.$`]: '$' } : { [PAYLOAD_KEY]: Parameters }),
    },
  };
}

let statesTimeout: Promise<new () => Error> | undefined;

/**
 * The library exempts only its own (unexported) States.Timeout error class from the
 * `States.TaskFailed` wildcard, as AWS does. Timeouts enforced here must be that class, so it
 * is taken from one probe run whose task times out after 1 ms.
 */
function statesTimeoutErrorClass(): Promise<new () => Error> {
  statesTimeout ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: 'Probe',
        States: {
          Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:p', TimeoutSeconds: 0.001, End: true },
        },
      },
      { validationOptions: { noValidate: true } },
    );
    const hang = () => new Promise<Json>(() => undefined);
    const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: hang } } });
    const error = await run.result.then(
      () => undefined,
      (failure: unknown) => (failure instanceof ExecutionError ? failure.cause : undefined),
    );
    if (!(error instanceof Error) || error.name !== 'States.Timeout') {
      throw new UnsupportedDefinitionError('aws-local-stepfunctions no longer reports task timeouts as expected');
    }
    return error.constructor as new () => Error;
  })();
  return statesTimeout;
}
