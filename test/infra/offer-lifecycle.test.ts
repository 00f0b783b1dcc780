import { describe, expect, it } from 'vitest';
import { lifecycleFunctions, lifecyclePhases, lifecycleTaskStates, type LifecyclePhase } from '#definitions/lifecycle.ts';
import { lifecycleInputSchema } from '#offers/lifecycle-input.ts';
import { areaOf } from '#lib/constructs/service-function.ts';
import { IntrinsicResolver, stateMachinesFromTemplate, type PseudoParameters } from '#local/stepfunctions/asl.ts';
import { actionsOf, onlyResource, referencedId, resourcesOf, statementsOf, synthesize, type Statement } from './synth.ts';

const { stateless, entryOf, functionEntries } = synthesize();
/** A resource as this file reads it: a role's trust policy, other properties passed on as they are. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties?: { readonly AssumeRolePolicyDocument?: { readonly Statement: unknown }; readonly [name: string]: unknown };
  readonly DependsOn?: string | string[];
}
const template = stateless.toJSON() as { Resources: Record<string, TemplateResource> };

// The definition read as the local cloud reads it: intrinsics resolved with fixed pseudo parameters,
// other resources' ARNs as placeholders that end with their logical id.
const pseudo: PseudoParameters = { region: 'eu-west-3', accountId: '123456789012' };
const [machineId, machineResource] = onlyResource(stateless, 'AWS::StepFunctions::StateMachine');
const [machine] = stateMachinesFromTemplate(template, pseudo);
const machineArn = `arn:aws:states:${pseudo.region}:${pseudo.accountId}:stateMachine:${machine!.stateMachineName}`;
const resolver = new IntrinsicResolver(template as never, pseudo);
const machineRoleId = referencedId(machineResource.Properties.RoleArn)!;

interface State {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: { readonly Payload?: Record<string, unknown>; readonly [name: string]: unknown };
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: { Variable?: string; StringEquals?: string; Next: string }[];
  readonly Catch?: { ErrorEquals: string[]; Next: string }[];
  readonly Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly TimestampPath?: string;
  readonly ResultPath?: string;
}

const startAt = machine!.definition.StartAt as string;
const states = machine!.definition.States as Record<string, State>;
const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
const isCallback = (state: State) => state.Resource?.endsWith('.waitForTaskToken') ?? false;
const callbacks = tasks.filter(([, state]) => isCallback(state));
const failureRecorder = Object.keys(lifecycleTaskStates).find(
  (name) => lifecycleTaskStates[name as keyof typeof lifecycleTaskStates] === 'recordFailure',
)!;

/** The logical id of the function a Task state invokes, read from the placeholder ARN. */
function invokedFunctionId(state: State): string | undefined {
  const arn: unknown = state.Resource?.startsWith('arn:aws:lambda:') ? state.Resource : state.Parameters?.FunctionName;
  const prefix = `arn:aws:lambda:${pseudo.region}:${pseudo.accountId}:function:`;
  return typeof arn === 'string' && arn.startsWith(prefix) ? arn.slice(prefix.length) : undefined;
}

const catcherOf = (state: State, error: string) => state.Catch?.find((c) => c.ErrorEquals.includes(error));

/** Where a state may go next, by its own transitions (`withCatch`: its error paths too). */
function transitions(state: State, withCatch = true): string[] {
  return [
    ...(state.Next ? [state.Next] : []),
    ...(state.Default ? [state.Default] : []),
    ...(state.Choices ?? []).map((choice) => choice.Next),
    ...(withCatch ? (state.Catch ?? []).map((c) => c.Next) : []),
  ];
}

function reachableFrom(start: string, withCatch = true): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name) || !states[name]) continue;
    seen.add(name);
    pending.push(...transitions(states[name], withCatch));
  }
  return seen;
}

/** The first non-Choice states after `name` on its normal (non-error) path. */
function nextSteps(name: string): string[] {
  const found = new Set<string>();
  const visit = (next: string, seen: Set<string>) => {
    if (seen.has(next)) return;
    seen.add(next);
    if (states[next]?.Type === 'Choice') for (const after of transitions(states[next], false)) visit(after, seen);
    else found.add(next);
  };
  for (const next of transitions(states[name]!, false)) visit(next, new Set());
  return [...found].sort();
}

/** The state "Resume at phase" picks for an input `{ phase }`: its string rules on `$.phase`, else its default. */
function resumeAt(phase: LifecyclePhase): string | undefined {
  const choice = states['Resume at phase']!;
  for (const rule of choice.Choices ?? []) {
    if (rule.Variable !== '$.phase' || rule.StringEquals === undefined) throw new Error(`unexpected rule ${JSON.stringify(rule)}`);
    if (rule.StringEquals === phase) return rule.Next;
  }
  return choice.Default;
}

/** Every resource logical id a template value refers to, through `Ref`, `Fn::GetAtt` or `Fn::Sub`. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const ids = Object.entries(value).flatMap(([key, item]): string[] => {
    if (key === 'Ref' && typeof item === 'string') return [item];
    if (key === 'Fn::GetAtt') return [typeof item === 'string' ? item.split('.')[0]! : (item as string[])[0]!];
    if (key === 'Fn::Sub') {
      const text = typeof item === 'string' ? item : (item as [string, unknown])[0];
      const subs = [...text.matchAll(/\$\{([^!}][^}.]*)/g)].map((m) => m[1]!);
      return [...subs, ...(typeof item === 'string' ? [] : referencedIds((item as [string, unknown])[1]))];
    }
    return referencedIds(item);
  });
  return ids.filter((id) => id in template.Resources);
}

const policiesOfRole = (roleId: string) =>
  resourcesOf(stateless, 'AWS::IAM::Policy').filter(([, policy]) =>
    (policy.Properties.Roles as unknown[]).some((role) => referencedId(role) === roleId),
  );

const resourcesIn = (statement: Statement): unknown[] => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]);

/** The function logical ids of the lifecycle's Task states, by state name. */
const taskFunctionIds = new Map(tasks.map(([name, state]) => [name, invokedFunctionId(state)]));
const lifecycleFunctionIds = new Set(
  [...functionEntries].filter(([, entry]) => Object.values(lifecycleFunctions).some((f) => f.handler === entry)).map(([id]) => id),
);

describe('the offer lifecycle definition', () => {
  it('is read from the template with its task functions resolved', () => {
    expect(machine!.logicalId).toBe(machineId);
    expect(tasks.length).toBeGreaterThan(0);
    expect(lifecycleFunctionIds.size).toBe(Object.keys(lifecycleFunctions).length);
  });

  it('has exactly the Task states of the lifecycle table', () => {
    expect(tasks.map(([name]) => name).sort()).toEqual(Object.keys(lifecycleTaskStates).sort());
  });

  it.each(Object.entries(lifecycleTaskStates))('runs "%s" with the %s function of the table', (name, fnId) => {
    const functionId = taskFunctionIds.get(name);
    expect(functionId).toBeDefined();
    expect(entryOf(functionId!)).toBe(lifecycleFunctions[fnId].handler);
  });

  it('waits for a token in exactly the three callback states, each handing its token to its function', () => {
    expect(callbacks.map(([name]) => name).sort()).toEqual([
      'Await candidate answer',
      'Await commission ranking',
      'Await ranking after reminder',
    ]);
    for (const [, state] of callbacks) {
      expect(state.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(state.Parameters?.Payload?.['token.$']).toBe('$$.Task.Token');
    }
  });
});

describe('the offer lifecycle callback tasks', () => {
  const timeoutKeys = Object.keys(lifecycleInputSchema.shape.timeouts.shape);
  /** Each callback waits for the time left before the deadline the task before it stored, computed from the input's duration. */
  const timeoutPaths: Record<string, { path: string; setBy: string; duration: string }> = {
    'Await commission ranking': { path: '$.scoring.commissionSecondsLeft', setBy: 'Close and score', duration: 'commissionSeconds' },
    'Await ranking after reminder': {
      path: '$.commission.graceSecondsLeft',
      setBy: 'Remind commission',
      duration: 'commissionGraceSeconds',
    },
    'Await candidate answer': { path: '$.candidate.secondsLeft', setBy: 'Offer to next candidate', duration: 'acceptanceSeconds' },
  };

  it.each(callbacks)('"%s" gives up when the deadline its task stored from the execution input’s duration has passed', (name, state) => {
    const expected = timeoutPaths[name]!;
    expect(state.TimeoutSecondsPath).toBe(expected.path);
    const setter = states[expected.setBy]!;
    expect(setter.ResultPath).toBe(expected.path.split('.').slice(0, 2).join('.'));
    expect(timeoutKeys).toContain(expected.duration);
    expect(Object.values(setter.Parameters?.Payload ?? setter.Parameters ?? {})).toContain(`$.timeouts.${expected.duration}`);
  });

  const timeoutOutcomes: Record<string, string> = {
    'Await commission ranking': 'Remind commission',
    'Await ranking after reminder': 'Keep robot order',
    'Await candidate answer': 'Expire offer to candidate',
  };

  it.each(callbacks)('"%s" turns its timeout into its own outcome, before catching anything else', (name, state) => {
    const onTimeout = catcherOf(state, 'States.Timeout');
    expect(onTimeout?.Next).toBe(timeoutOutcomes[name]);
    expect(states[onTimeout!.Next]?.Type).toBe('Task');
    // Catchers are tried in order: a States.ALL placed first would swallow the timeout.
    const catchers = state.Catch!;
    expect(catchers.indexOf(onTimeout!)).toBeLessThan(catchers.findIndex((c) => c.ErrorEquals.includes('States.ALL')));
  });

  it.each(callbacks)('"%s" records any other failure', (_, state) => {
    expect(catcherOf(state, 'States.ALL')?.Next).toBe(failureRecorder);
  });
});

describe('the offer lifecycle synchronous tasks', () => {
  const synchronous = tasks.filter(([, state]) => !isCallback(state));

  it.each(synchronous)('"%s" retries, and records what still fails', (name, state) => {
    expect(state.Retry?.some((retrier) => (retrier.MaxAttempts ?? 3) > 0)).toBe(true);
    if (name === failureRecorder) {
      // Recording the failure must not loop back onto itself.
      expect(state.Catch?.map((c) => c.Next) ?? []).not.toContain(failureRecorder);
    } else {
      expect(catcherOf(state, 'States.ALL')?.Next).toBe(failureRecorder);
    }
  });

  it('fails the execution once the failure is recorded', () => {
    expect(states[states[failureRecorder]!.Next!]?.Type).toBe('Fail');
  });
});

describe('the offer lifecycle flow', () => {
  const expectedEntries: Record<LifecyclePhase, string> = {
    WINDOW: 'Wait for the window to close',
    SCORING: 'Close and score',
    // Through the robot's step, which finds its stored result and the time the commission has left.
    COMMISSION: 'Close and score',
    OFFERING: 'Offer to next candidate',
  };

  it('starts by choosing where to resume', () => {
    expect(startAt).toBe('Resume at phase');
    expect(states[startAt]?.Type).toBe('Choice');
  });

  it.each(lifecyclePhases)('resumes the %s phase at its own state', (phase) => {
    const entry = resumeAt(phase);
    expect(entry).toBe(expectedEntries[phase]);
    expect(states[entry!]).toBeDefined();
  });

  it('only tests phases that exist', () => {
    for (const rule of states[startAt]!.Choices ?? []) expect(lifecyclePhases).toContain(rule.StringEquals);
  });

  it('waits for the application window until the offer’s closesAt, then scores', () => {
    const [[, wait]] = Object.entries(states).filter(([, state]) => state.Type === 'Wait') as [[string, State]];
    expect(wait.TimestampPath).toBe('$.closesAt');
    expect(wait.Next).toBe('Close and score');
  });

  it.each([
    ['Close and score', ['Await commission ranking', 'Mark unfilled']],
    ['Await commission ranking', ['Offer to next candidate']],
    ['Remind commission', ['Await ranking after reminder', 'Offer to next candidate']],
    ['Await ranking after reminder', ['Offer to next candidate']],
    ['Keep robot order', ['Offer to next candidate']],
    ['Offer to next candidate', ['Await candidate answer', 'Start next round']],
    // Issue #13 item 6: nobody of the round took it: a next round goes to the commission, else unfilled.
    ['Start next round', ['Await commission ranking', 'Mark unfilled']],
    ['Await candidate answer', ['Attribute offer', 'Offer to next candidate']],
    ['Expire offer to candidate', ['Attribute offer', 'Offer to next candidate']],
    ['Attribute offer', ['Done']],
    ['Mark unfilled', ['Done']],
  ])('goes from "%s" on to %j', (from, to) => {
    expect(nextSteps(from)).toEqual([...to].sort());
  });

  it('passes the number of rounds from the execution input to the robot and to the next round', () => {
    expect(lifecycleInputSchema.shape.rounds).toBeDefined();
    for (const name of ['Close and score', 'Start next round']) {
      const state = states[name]!;
      expect(Object.values(state.Parameters?.Payload ?? state.Parameters ?? {})).toContain('$.rounds');
    }
    expect(states['Start next round']!.ResultPath).toBe('$.scoring');
  });

  it('ends only in one Succeed and one Fail state', () => {
    const terminal = Object.entries(states).filter(([, state]) => transitions(state).length === 0);
    expect(terminal.map(([, state]) => state.Type).sort()).toEqual(['Fail', 'Succeed']);
    expect(Object.values(states).filter((state) => state.End === true)).toEqual([]);
  });

  it('reaches every state from the start, and succeeds without passing through a failure', () => {
    expect([...reachableFrom(startAt)].sort()).toEqual(Object.keys(states).sort());
    const succeed = Object.keys(states).find((name) => states[name]!.Type === 'Succeed')!;
    expect(reachableFrom(startAt, false)).toContain(succeed);
    expect(reachableFrom(startAt, false)).not.toContain(failureRecorder);
  });
});

describe('the offer lifecycle role', () => {
  const role = template.Resources[machineRoleId]!;
  const statements = policiesOfRole(machineRoleId).flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
  const invokes = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));

  it('is assumed by Step Functions only and has no other policies', () => {
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties!.AssumeRolePolicyDocument!.Statement).toEqual([
      expect.objectContaining({ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' } }),
    ]);
    expect(role.Properties!.Policies).toBeUndefined();
    expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
    expect(statements.every((s) => s.Effect === 'Allow' && s.Condition === undefined)).toBe(true);
  });

  it('invokes only the lifecycle task functions, each with its versions, and all of them', () => {
    const targets = invokes.flatMap(resourcesIn);
    for (const target of targets) {
      const id = referencedId(target) ?? referencedId((target as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1][0]);
      expect(lifecycleFunctionIds).toContain(id);
      expect([{ 'Fn::GetAtt': [id, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, ':*']] }]).toContainEqual(target);
    }
    for (const s of invokes) expect(actionsOf(s)).toEqual(['lambda:InvokeFunction']);
    expect(new Set(targets.map((t) => JSON.stringify(t))).size).toBe(2 * lifecycleFunctionIds.size);
    expect(new Set(taskFunctionIds.values())).toEqual(lifecycleFunctionIds);
  });

  it('may otherwise only deliver its logs and send traces', () => {
    const others = statements.filter((s) => !invokes.includes(s));
    expect(others.flatMap(actionsOf).sort()).toEqual(
      [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ].sort(),
    );
  });
});

describe('who may drive the offer lifecycle', () => {
  const functions = [...functionEntries].map(([id, entry]) => ({ id, entry, area: areaOf(entry) }));
  const allowing = (action: string) =>
    functions.filter(({ id }) => statementsOf(stateless, id).some((s) => s.Effect === 'Allow' && actionsOf(s).includes(action)));
  const answerRoutes = [
    'lifecycle/handlers/decide-commission.ts',
    'lifecycle/handlers/accept-offer.ts',
    'lifecycle/handlers/decline-offer.ts',
  ];
  // These store their token, and answer it themselves when the answer came first (functions/lifecycle/tasks/).
  const selfAnsweringTasks = [lifecycleFunctions.awaitCommission.handler, lifecycleFunctions.awaitAnswer.handler];

  it('lets only publication (imports and republication too) start executions, and the reconciler resume them', () => {
    const starters = allowing('states:StartExecution');
    expect(starters.map((fn) => fn.entry)).toEqual(
      expect.arrayContaining([
        'offers/handlers/publish-landlord-offer.ts',
        'imports/handlers/receive-import.ts',
        'jobs/handlers/lifecycle-reconciler.ts',
      ]),
    );
    for (const { entry, area } of starters) {
      expect(
        entry === 'offers/handlers/publish-landlord-offer.ts' ||
          entry === 'lifecycle/handlers/republish-offer.ts' ||
          entry === 'jobs/handlers/lifecycle-reconciler.ts' ||
          area === 'imports',
      ).toBe(true);
    }
  });

  it('lets only the answer routes and the callback tasks that may find their answer waiting hand a task its result', () => {
    expect(
      allowing('states:SendTaskSuccess')
        .map((fn) => fn.entry)
        .sort(),
    ).toEqual([...answerRoutes, ...selfAnsweringTasks].sort());
  });

  it.each(functions)('$entry uses Step Functions on the lifecycle state machine (and its executions) only', ({ id, entry }) => {
    for (const statement of statementsOf(stateless, id).filter((s) => actionsOf(s).some((a) => a.startsWith('states:')))) {
      const onExecutions = actionsOf(statement).some((a) => a === 'states:DescribeExecution' || a === 'states:StopExecution');
      if (onExecutions) {
        // Only the reconciler reads and stops executions, and only this state machine's.
        expect(entry).toBe('jobs/handlers/lifecycle-reconciler.ts');
        expect(actionsOf(statement).sort()).toEqual(['states:DescribeExecution', 'states:StopExecution']);
        expect(resourcesIn(statement).map((resource) => resolver.string(resource, id))).toEqual([
          `${machineArn.replace(':stateMachine:', ':execution:')}:*`,
        ]);
        continue;
      }
      expect(
        actionsOf(statement).every((a) => ['states:StartExecution', 'states:SendTaskSuccess', 'states:SendTaskFailure'].includes(a)),
      ).toBe(true);
      expect(resourcesIn(statement).map((resource) => resolver.string(resource, id))).toEqual([machineArn]);
      // By name, not by reference: the task functions are themselves referenced by the state machine.
      expect(referencedIds(statement.Resource)).toEqual([]);
    }
  });

  it('gives the task functions no reference to the state machine', () => {
    for (const id of lifecycleFunctionIds) {
      const fn = template.Resources[id]!;
      const roleId = referencedId(fn.Properties!.Role)!;
      expect(referencedIds(policiesOfRole(roleId))).not.toContain(machineId);
      expect(referencedIds(fn)).not.toContain(machineId);
    }
  });

  it('leaves the stack without a dependency cycle', () => {
    const dependencies = (id: string) => {
      const { DependsOn: dependsOn = [], ...resource } = template.Resources[id]!;
      return [...new Set([...referencedIds(resource), ...(Array.isArray(dependsOn) ? dependsOn : [dependsOn])])];
    };
    const done = new Set<string>();
    const visiting: string[] = [];
    const visit = (id: string): void => {
      if (done.has(id)) return;
      if (visiting.includes(id)) throw new Error(`cycle: ${[...visiting.slice(visiting.indexOf(id)), id].join(' -> ')}`);
      visiting.push(id);
      for (const dependency of dependencies(id)) visit(dependency);
      visiting.pop();
      done.add(id);
    };
    expect(() => Object.keys(template.Resources).forEach(visit)).not.toThrow();
    // The walk does see references: the state machine depends on its role.
    expect(dependencies(machineId)).toContain(machineRoleId);
  });
});
