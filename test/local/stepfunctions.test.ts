import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskTimedOut,
  type DescribeExecutionOutput,
} from '@aws-sdk/client-sfn';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { stateMachinesFromTemplate } from '#local/stepfunctions/asl.ts';
import { startStepFunctions, type RunningStepFunctions } from '#local/stepfunctions/server.ts';
import { decisionStates, synthesizeDecisionWorkflow } from '../fixtures/stepfunctions/decision-workflow.ts';

const region = 'eu-west-3';
const accountId = '000000000000';

/** Definitions the library validated (it does unless told not to), to see when validation happens. */
const validations = vi.hoisted(() => ({ count: 0 }));
vi.mock('aws-local-stepfunctions', async (importOriginal) => {
  const library = await importOriginal<typeof import('aws-local-stepfunctions')>();
  class CountingStateMachine extends library.StateMachine {
    constructor(...args: ConstructorParameters<typeof library.StateMachine>) {
      super(...args);
      if (!args[1]?.validationOptions?.noValidate) validations.count += 1;
    }
  }
  return { ...library, StateMachine: CountingStateMachine };
});

/** Values pushed by handlers, awaited by tests: no sleeping until something happened. */
class Inbox<T> {
  private readonly items = new Map<string, T[]>();
  private readonly waiters = new Map<string, Array<(item: T) => void>>();

  push(key: string, item: T): void {
    const waiter = this.waiters.get(key)?.shift();
    if (waiter) waiter(item);
    else this.items.set(key, [...(this.items.get(key) ?? []), item]);
  }

  /** How many arrived and were not taken yet. */
  waiting(key: string): number {
    return this.items.get(key)?.length ?? 0;
  }

  next(key: string, timeoutMs = 10_000): Promise<T> {
    const queued = this.items.get(key)?.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing arrived for ${key} within ${timeoutMs} ms`)), timeoutMs);
      const waiters = this.waiters.get(key) ?? [];
      waiters.push((item) => {
        clearTimeout(timer);
        resolve(item);
      });
      this.waiters.set(key, waiters);
    });
  }
}

/** What the fixture's Lambda handlers do, per offer, so each test scripts its own offer. */
const script = {
  prepareCalls: new Map<string, Array<{ at: number; payload: unknown }>>(),
  /** The task's effect, applied idempotently: a retried attempt must not apply it twice. */
  prepared: new Map<string, number>(),
  failFirstPrepare: new Set<string>(),
  prepareGates: new Map<string, Promise<void>>(),
  prepareStarted: new Inbox<true>(),
  decisionRequests: new Inbox<string>(),
  approvalRequests: new Inbox<{ team: string; token: string }>(),
};

const preparePayload = z.object({ offerId: z.string(), rounds: z.number() });
const decisionPayload = z.object({ offerId: z.string(), token: z.string() });
const approvalPayload = z.object({ execution: z.string(), team: z.string(), TaskToken: z.string() });

async function prepare(input: unknown) {
  const { offerId, rounds } = preparePayload.parse(input);
  script.prepareCalls.set(offerId, [...(script.prepareCalls.get(offerId) ?? []), { at: Date.now(), payload: input }]);
  script.prepareStarted.push(offerId, true);
  await script.prepareGates.get(offerId);
  if (rounds < 0) throw new RangeError('rounds cannot be negative');
  if (!script.prepared.has(offerId)) script.prepared.set(offerId, rounds);
  if (script.failFirstPrepare.delete(offerId)) {
    // What Lambda reports when the service, not the function, fails: CDK's default Retry covers it.
    throw Object.assign(new Error('Rate exceeded'), { name: 'Lambda.ServiceException' });
  }
  return { rounds };
}

const callbackTask = (team: string) => ({
  StartAt: `Ask${team}`,
  States: {
    [`Ask${team}`]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: 'arn:aws:lambda:eu-west-3:000000000000:function:ask',
        Payload: { 'TaskToken.$': '$$.Task.Token', team, 'execution.$': '$$.Execution.Name' },
      },
      TimeoutSeconds: 30,
      End: true,
    },
  },
});

const rawMachines = {
  approvals: {
    StartAt: 'Approvals',
    States: { Approvals: { Type: 'Parallel', Branches: [callbackTask('Legal'), callbackTask('Finance')], End: true } },
  },
  // The callback's parameters carry a field of the same name as the path, with another value:
  // resolving TimeoutSecondsPath against them (the library's defect) would wait 30 s, not 1 s.
  timeoutPath: {
    StartAt: 'AwaitAck',
    States: {
      AwaitAck: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: {
          QueueUrl: 'https://sqs.eu-west-3.amazonaws.com/000000000000/acks',
          MessageBody: { 'token.$': '$$.Task.Token' },
          ackTimeoutSeconds: 30,
        },
        TimeoutSecondsPath: '$.ackTimeoutSeconds',
        End: true,
      },
    },
  },
  executionTimeout: { TimeoutSeconds: 1, StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 30, End: true } } },
  waitUntil: { StartAt: 'Until', States: { Until: { Type: 'Wait', TimestampPath: '$.at', End: true } } },
};

let server: RunningStepFunctions;
let sfn: SFNClient;
let decisionArn: string;

beforeAll(async () => {
  const [decision] = stateMachinesFromTemplate(synthesizeDecisionWorkflow(), { region, accountId });
  if (!decision) throw new Error('the fixture has no state machine');
  server = await startStepFunctions({
    port: 0,
    region,
    accountId,
    stateMachines: [
      {
        name: 'decision',
        definition: decision.definition,
        taskHandlers: {
          [decisionStates.prepare]: prepare,
          [decisionStates.awaitDecision]: async (input) => {
            const { offerId, token } = decisionPayload.parse(input);
            script.decisionRequests.push(offerId, token);
          },
        },
      },
      {
        name: 'approvals',
        definition: rawMachines.approvals,
        taskHandlers: Object.fromEntries(
          ['AskLegal', 'AskFinance'].map((state) => [
            state,
            async (input: unknown) => {
              const { execution, team, TaskToken } = approvalPayload.parse(input);
              script.approvalRequests.push(execution, { team, token: TaskToken });
            },
          ]),
        ),
      },
      { name: 'timeout-path', definition: rawMachines.timeoutPath, taskHandlers: {} },
      { name: 'execution-timeout', definition: rawMachines.executionTimeout, taskHandlers: {} },
      { name: 'wait-until', definition: rawMachines.waitUntil, taskHandlers: {} },
    ],
  });
  sfn = new SFNClient({ endpoint: server.url, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  decisionArn = server.stateMachineArn('decision');
}, 60_000);

afterAll(async () => {
  sfn?.destroy();
  await server?.stop();
});

let offers = 0;
/** Starts the fixture workflow for a fresh offer; defaults keep it fast. */
async function startOffer(overrides: Partial<{ waitSeconds: number; rounds: number; decisionTimeoutSeconds: number }> = {}) {
  const offerId = `offer-${++offers}-${Date.now()}`;
  const input = { offerId, waitSeconds: 0, rounds: 1, decisionTimeoutSeconds: 30, ...overrides };
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: decisionArn, name: offerId, input: JSON.stringify(input) }),
  );
  return { offerId, executionArn: executionArn ?? '', startedAt: Date.now() };
}

/** Polls DescribeExecution until the execution has left RUNNING, within a deadline. */
async function settled(executionArn: string, deadlineMs = 15_000): Promise<DescribeExecutionOutput> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    if (Date.now() > deadline) throw new Error(`${executionArn} still RUNNING after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const outputOf = (execution: DescribeExecutionOutput): unknown => JSON.parse(execution.output ?? 'null');

const answer = (taskToken: string, output: unknown) => sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));

// Each test scripts its own offer or execution, and most wait on real timers: they run at once.
describe.concurrent('the local Step Functions runtime, driven through @aws-sdk/client-sfn', () => {
  it('waits as long as SecondsPath says, then completes with the decision sent for the task token', async () => {
    const { offerId, executionArn, startedAt } = await startOffer({ waitSeconds: 1, rounds: 2 });
    const token = await script.decisionRequests.next(offerId);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(waiting).toMatchObject({ status: 'RUNNING', name: offerId, stateMachineArn: decisionArn });
    expect(waiting.stopDate).toBeUndefined();

    await answer(token, { choice: 'accept' });

    const done = await settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ outcome: 'decided', choice: 'accept', rounds: 2 });
    expect(done.startDate).toBeInstanceOf(Date);
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());
    expect(JSON.parse(done.input ?? '{}')).toMatchObject({ offerId, rounds: 2 });
  });

  it('runs the Choice loop once per round', async () => {
    const runs = await Promise.all([0, 4].map((rounds) => startOffer({ rounds })));
    const outputs = await Promise.all(
      runs.map(async ({ offerId, executionArn }) => {
        await answer(await script.decisionRequests.next(offerId), { choice: 'accept' });
        return outputOf(await settled(executionArn));
      }),
    );
    expect(outputs).toEqual([
      { outcome: 'decided', choice: 'accept', rounds: 0 },
      { outcome: 'decided', choice: 'accept', rounds: 4 },
    ]);
  });

  it('times an unanswered callback out into its Catch outcome, then refuses the late answer with TaskTimedOut', async () => {
    const { offerId, executionArn } = await startOffer({ decisionTimeoutSeconds: 1 });
    const token = await script.decisionRequests.next(offerId);
    const askedAt = Date.now();

    const done = await settled(executionArn);
    expect(Date.now() - askedAt).toBeGreaterThanOrEqual(900);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ outcome: 'no-decision', error: 'States.Timeout' });
    await expect(answer(token, { choice: 'accept' })).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('routes SendTaskFailure through the Catch to the explicit failure state', async () => {
    const { offerId, executionArn } = await startOffer();
    const token = await script.decisionRequests.next(offerId);
    const cause = 'the landlord withdrew the offer';
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Declined', cause }));

    const done = await settled(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'DecisionRefused', cause });
    // A token is good for one answer; AWS calls a closed task timed out.
    await expect(answer(token, {})).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('gives each callback task its own token and delivers each answer to the task that owns it', async () => {
    const name = `approvals-${Date.now()}`;
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: server.stateMachineArn('approvals'), name, input: '{}' }),
    );
    const requests = [await script.approvalRequests.next(name), await script.approvalRequests.next(name)];
    const tokenOf = (team: string) => requests.find((request) => request.team === team)?.token ?? '';
    expect(new Set(requests.map((request) => request.token)).size).toBe(2);

    const other = await startOffer();
    const otherToken = await script.decisionRequests.next(other.offerId);
    expect(requests.map((request) => request.token)).not.toContain(otherToken);

    await answer(tokenOf('Finance'), { approvedBy: 'finance' });
    await answer(tokenOf('Legal'), { approvedBy: 'legal' });
    const done = await settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual([{ approvedBy: 'legal' }, { approvedBy: 'finance' }]);
    await answer(otherToken, { choice: 'decline' });
    expect(outputOf(await settled(other.executionArn))).toMatchObject({ choice: 'decline' });
  });

  it("retries a transient Lambda failure with CDK's default Retry; the retry changes the outcome only once", async () => {
    const offerId = `offer-retry-${Date.now()}`;
    script.failFirstPrepare.add(offerId);
    const input = JSON.stringify({ offerId, waitSeconds: 0, rounds: 3, decisionTimeoutSeconds: 30 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: decisionArn, name: offerId, input }));
    await answer(await script.decisionRequests.next(offerId), { choice: 'accept' });

    const done = await settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ outcome: 'decided', choice: 'accept', rounds: 3 });
    const calls = script.prepareCalls.get(offerId) ?? [];
    expect(calls).toHaveLength(2);
    expect(calls[1]?.payload).toEqual(calls[0]?.payload);
    // CDK's default retrier waits 2 s before the first retry.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1900);
    expect(script.prepared.get(offerId)).toBe(3);
  });

  it('fails the execution with the Lambda error name and cause when no Retry covers the error', async () => {
    const { executionArn, offerId } = await startOffer({ rounds: -1 });
    const done = await settled(executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('RangeError');
    expect(JSON.parse(done.cause ?? '{}')).toEqual({ errorType: 'RangeError', errorMessage: 'rounds cannot be negative' });
    expect(script.prepareCalls.get(offerId)).toHaveLength(1);
  });

  it('aborts a waiting execution on StopExecution and refuses its token afterwards', async () => {
    const { offerId, executionArn } = await startOffer();
    const token = await script.decisionRequests.next(offerId);
    const stop = new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'offer withdrawn' });
    const { stopDate } = await sfn.send(stop);

    const stopped = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'offer withdrawn', stopDate });
    expect(stopped.output).toBeUndefined();
    await expect(answer(token, { choice: 'accept' })).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('ignores the late result of a handler still running when its execution was stopped', async () => {
    const offerId = `offer-late-${Date.now()}`;
    let release!: () => void;
    script.prepareGates.set(
      offerId,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    const input = JSON.stringify({ offerId, waitSeconds: 0, rounds: 1, decisionTimeoutSeconds: 30 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: decisionArn, name: offerId, input }));
    await script.prepareStarted.next(offerId);
    await sfn.send(new StopExecutionCommand({ executionArn }));

    release();
    // Let the released handler and anything it would trigger run to their end.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    expect(script.decisionRequests.waiting(offerId)).toBe(0);
  });

  it('does not run a task again when its execution is stopped during a Retry pause', async () => {
    const offerId = `offer-stop-retry-${Date.now()}`;
    script.failFirstPrepare.add(offerId);
    const input = JSON.stringify({ offerId, waitSeconds: 0, rounds: 1, decisionTimeoutSeconds: 30 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: decisionArn, name: offerId, input }));
    await script.prepareStarted.next(offerId);
    // The first attempt has failed; the 2 s pause before the retry is under way.
    await sfn.send(new StopExecutionCommand({ executionArn }));

    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(script.prepareCalls.get(offerId)).toHaveLength(1);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
  });

  it('returns the running execution again for the same name and input, and refuses any other reuse of the name', async () => {
    const name = `offer-idempotent-${Date.now()}`;
    const input = JSON.stringify({ offerId: name, waitSeconds: 0, rounds: 1, decisionTimeoutSeconds: 30 });
    const start = (body: string) => sfn.send(new StartExecutionCommand({ stateMachineArn: decisionArn, name, input: body }));
    const first = await start(input);
    const again = await start(input);
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(start(JSON.stringify({ offerId: name, rounds: 2 }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    await answer(await script.decisionRequests.next(name), { choice: 'accept' });
    await settled(first.executionArn ?? '');
    await expect(start(input)).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: decisionArn, statusFilter: 'SUCCEEDED' }));
    expect(listed.executions?.filter((execution) => execution.name === name)).toHaveLength(1);
  });

  it('reads TimeoutSecondsPath from the state input, not from the task parameters', async () => {
    // This task has no local handler: the runtime publishes its token as an event instead.
    const waiting = once(server.runtime.events, 'callbackWaiting');
    const startedAt = Date.now();
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: server.stateMachineArn('timeout-path'), input: '{"ackTimeoutSeconds":1}' }),
    );
    const [{ token, stateName }] = await waiting;
    expect(stateName).toBe('AwaitAck');

    const done = await settled(executionArn ?? '');
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    // At 1 s, not before; the parameters' 30 s would outlast `settled`'s 15-s wait.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    await expect(answer(token, {})).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("ends an execution that outlives the definition's TimeoutSeconds as TIMED_OUT", async () => {
    const startedAt = Date.now();
    const stateMachineArn = server.stateMachineArn('execution-timeout');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const done = await settled(executionArn ?? '');
    // At the definition's 1 s, not before; the 30-s Wait would outlast `settled`'s 15-s wait.
    expect(done.status).toBe('TIMED_OUT');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });

  it('resumes a Wait on TimestampPath at that time', async () => {
    const at = new Date(Date.now() + 1_000);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: server.stateMachineArn('wait-until'),
        input: JSON.stringify({ at: at.toISOString() }),
      }),
    );
    const done = await settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime() - 50);
  });

  it('answers unknown state machines, executions and tokens with the typed SDK errors', async () => {
    const unknownMachine = server.stateMachineArn('nope');
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: unknownMachine }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:${region}:${accountId}:execution:decision:nope` })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(answer('not-a-token-this-runtime-issued', {})).rejects.toBeInstanceOf(InvalidToken);
  });

  it('describes the state machine and starts executions without validating the definition again', async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: decisionArn }));
    expect(JSON.parse(described.definition ?? '{}')).toMatchObject({ StartAt: decisionStates.wait, TimeoutSeconds: 300 });
    // Validation costs ~0.4 s per definition: done once per state machine when the server started.
    const validatedAtStart = validations.count;
    expect(validatedAtStart).toBeGreaterThanOrEqual(Object.keys(rawMachines).length + 1);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await startOffer());
    expect(validations.count).toBe(validatedAtStart);
    for (const { executionArn } of runs) await sfn.send(new StopExecutionCommand({ executionArn }));
  });
});
