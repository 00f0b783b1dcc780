import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { z } from 'zod';
import { StatesRuntimeFailure, UnsupportedDefinitionError } from './errors.ts';
import { integrationOf, type Integration, type Json } from './lambda-payloads.ts';

/**
 * Prepares a state machine's ASL for aws-local-stepfunctions: Task states are rewritten so that
 * the runtime, not the library, owns their timeouts (including `TimeoutSecondsPath`, which the
 * library resolves against the wrong input) and the top-level timeout; every Task state is
 * checked against the local handlers once, at start-up.
 */

/** Runs a Task state locally. For `lambda:invoke` tasks it gets the `Payload` and returns what the function returns. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface LocalStateMachine {
  readonly name: string;
  /** ASL, e.g. from `stateMachinesFromTemplate`. */
  readonly definition: object;
  /** Keyed by Task state name; every Task state needs one, except `.waitForTaskToken` tasks. */
  readonly taskHandlers: Readonly<Record<string, TaskHandler>>;
}

/** Node timers overflow past 2^31-1 ms (about 24.8 days) and then fire at once. */
export const TIMER_LIMIT_MS = 0x7fffffff;
const TIMER_LIMIT_SECONDS = Math.floor(TIMER_LIMIT_MS / 1000);
const TIMEOUT_KEY = '__localTimeoutSeconds';
const PAYLOAD_KEY = '__localPayload';

/** What the runtime needs to know of a Task state to run one attempt of it. */
export interface TaskSpec {
  readonly callback: boolean;
  readonly integration: Integration;
  readonly timeoutSeconds?: number;
  readonly timeoutFromPath: boolean;
}

export interface PreparedMachine {
  readonly arn: string;
  readonly name: string;
  readonly definitionText: string;
  readonly engine: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskSpec>;
  readonly handlers: Readonly<Record<string, TaskHandler>>;
  readonly topLevelTimeoutSeconds?: number;
  readonly createdAt: Date;
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

export function prepareMachine(arn: string, machine: LocalStateMachine): PreparedMachine {
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
    integration: integrationOf(task.Resource),
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

/** The task's own payload and timeout, out of what `prepareState` made its Parameters carry. */
export function unwrapTimeout(spec: TaskSpec, raw: Json): { payload: Json; timeoutSeconds?: number } {
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

let statesTimeout: Promise<new () => Error> | undefined;

/**
 * The library exempts only its own (unexported) States.Timeout error class from the
 * `States.TaskFailed` wildcard, as AWS does. Timeouts enforced here must be that class, so it
 * is taken from one probe run whose task times out after 1 ms.
 */
export function statesTimeoutErrorClass(): Promise<new () => Error> {
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
