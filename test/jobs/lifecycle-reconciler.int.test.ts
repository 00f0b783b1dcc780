import { DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { jobRunKey } from '#jobs/job-run-store.ts';
import { lifecycleExecutions } from '#jobs/lifecycle-reconciler-executions.ts';
import {
  defaultScoringGraceMs,
  lifecycleReconcilerJobId,
  runLifecycleReconciler,
  type LifecycleReconcilerDeps,
} from '#jobs/lifecycle-reconciler-job.ts';
import { lifecycleReconcilerStore, reconcileKey } from '#jobs/lifecycle-reconciler-store.ts';
import { jobRunStore } from '#jobs/job-run-store.ts';
import { executionName } from '#offers/lifecycle-input.ts';
import { lifecycleStarter } from '#offers/lifecycle-starter.ts';
import { offerKey } from '#offers/offer-store.ts';
import { closeWindow, publishedOffer } from '../applications/support.ts';
import { api, cloud, eventually, tokenOf } from '../support/api.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { localTable } from '../support/table.ts';

// The reconciler repairs every live offer of its table: on a cloud of this file's own, it meets
// only the seeded offers and ours, never another file's offer in the middle of its test.
const own = await startOwnCloud();
afterAll(() => own.stop());

const env = cloud().environment;
const sfn = new SFNClient({
  endpoint: env.AWS_ENDPOINT_URL_SFN,
  region: env.AWS_REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const stateMachineArn = env.OFFER_LIFECYCLE_ARN!;
const table = localTable();
const executions = lifecycleExecutions(sfn, stateMachineArn);
const deps: LifecycleReconcilerDeps = {
  // Small pages, so that the run goes through several of them.
  store: lifecycleReconcilerStore(table.client, table.tableName, 5),
  executions,
  starter: lifecycleStarter(sfn, stateMachineArn, {
    commissionDeadline: env.COMMISSION_DEADLINE!,
    commissionGrace: env.COMMISSION_GRACE!,
    acceptancePeriod: env.ACCEPTANCE_PERIOD!,
  }),
  runs: jobRunStore(table.client, table.tableName),
  scoringGraceMs: defaultScoringGraceMs,
};

const statusOf = async (name: string) => executions.state(executions.arnOf(name));

async function stoppedOffer(): Promise<string> {
  const offerId = await publishedOffer();
  const arn = executions.arnOf(executionName(offerId));
  await eventually('the first execution', async () => ((await executions.state(arn)) === 'RUNNING' ? true : undefined));
  await sfn.send(new StopExecutionCommand({ executionArn: arn, error: 'Test', cause: 'stopped by hand' }));
  expect(await executions.state(arn)).toBe('ABORTED');
  return offerId;
}

async function historyOf(
  offerId: string,
): Promise<{ stage?: string; events: { kind: string; actor: string; details: Record<string, unknown> }[] }> {
  const response = await api('GET', `/landlord/offers/${offerId}/history`, { token: await tokenOf('landlord') });
  expect(response.status).toBe(200);
  return response.body;
}

/** What a second run must leave as it is: the reconciler's item, the history and the execution names tried. */
async function snapshot(offerId: string, names: string[]) {
  return {
    reconcile: await table.get(reconcileKey(offerId)),
    history: (await historyOf(offerId)).events,
    executions: await Promise.all(names.map(statusOf)),
  };
}

describe('the lifecycle reconciler', () => {
  it('resumes an offer whose execution was stopped by hand at the window, once, with an audit event', async () => {
    const offerId = await stoppedOffer();
    const resumed = `${offerId}.window.1`;

    const counts = await runLifecycleReconciler(deps, new Date());
    expect(counts).toMatchObject({ incomplete: false });
    expect(counts.examined).toBeGreaterThanOrEqual(1);
    expect(await statusOf(resumed)).toBe('RUNNING');
    const { input } = await sfn.send(new DescribeExecutionCommand({ executionArn: executions.arnOf(resumed) }));
    const stored = await table.get(offerKey(offerId));
    expect(JSON.parse(input!)).toMatchObject({ offerId, phase: 'WINDOW', closesAt: stored?.closesAt });
    expect(await table.get(reconcileKey(offerId))).toMatchObject({
      executionArn: executions.arnOf(resumed),
      resumeAttempts: 1,
      phase: 'WINDOW',
    });
    const events = (await historyOf(offerId)).events.filter((event) => event.kind === 'LIFECYCLE_RESUMED');
    expect(events).toEqual([
      expect.objectContaining({
        actor: 'reconciler',
        details: expect.objectContaining({ phase: 'WINDOW', reason: 'aborted', execution: resumed, attempt: 1 }),
      }),
    ]);

    const before = await snapshot(offerId, [offerId, resumed, `${offerId}.window.2`]);
    expect(before.executions).toEqual(['ABORTED', 'RUNNING', 'ABSENT']);
    await runLifecycleReconciler(deps, new Date(Date.now() + 60_000));
    expect(await snapshot(offerId, [offerId, resumed, `${offerId}.window.2`])).toEqual(before);
  });

  it('resumes at scoring an offer whose window closed with no execution left: it ends unfilled and leaves the list', async () => {
    const offerId = await stoppedOffer();
    await closeWindow(offerId);

    await runLifecycleReconciler(deps, new Date());
    const resumed = `${offerId}.scoring.1`;
    expect(await statusOf(`${offerId}.window.1`)).toBe('ABSENT');
    const history = await eventually('the offer unfilled', async () => {
      const found = await historyOf(offerId);
      // The history reads the record and the events in parallel: wait until both show the end.
      return found.stage === 'UNFILLED' && found.events.some((event) => event.kind === 'OFFER_UNFILLED') ? found : undefined;
    });
    expect(history.stage).toBe('UNFILLED');
    expect(history.events.find((event) => event.kind === 'LIFECYCLE_RESUMED')).toMatchObject({
      actor: 'reconciler',
      details: { phase: 'SCORING', reason: 'aborted', execution: resumed },
    });
    const offer = await table.get(offerKey(offerId));
    expect(offer).not.toHaveProperty('GSI3PK');
    await eventually('the resumed execution ends', async () => ((await statusOf(resumed)) === 'SUCCEEDED' ? true : undefined));

    const before = await snapshot(offerId, [resumed, `${offerId}.scoring.2`]);
    await runLifecycleReconciler(deps, new Date());
    expect(await snapshot(offerId, [resumed, `${offerId}.scoring.2`])).toEqual(before);
  });

  it('stops before the deadline and reports the run incomplete', async () => {
    const now = new Date();
    const counts = await runLifecycleReconciler(deps, now, () => 0);
    expect(counts).toMatchObject({ examined: 0, resumed: 0, incomplete: true });
    expect(await table.get(jobRunKey(lifecycleReconcilerJobId, now.toISOString()))).toMatchObject({
      entity: 'JobRun',
      status: 'INCOMPLETE',
      counts: { examined: 0, incomplete: 1 },
    });
  });

  it('is run by the local scheduler and shown to the operator', async () => {
    const offerId = await stoppedOffer();
    const response = await api('POST', '/_local/jobs/lifecycleReconciler');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      job: 'lifecycleReconciler',
      result: { examined: expect.any(Number), resumed: expect.any(Number), errors: expect.any(Number), incomplete: false },
    });
    expect(await statusOf(`${offerId}.window.1`)).toBe('RUNNING');

    const jobs = await api('GET', '/operator/jobs', { token: await tokenOf('operator') });
    expect(jobs.status).toBe(200);
    expect(jobs.body.jobs.find((job: { id: string }) => job.id === 'lifecycleReconciler')).toMatchObject({
      cron: '10/30 * * * ? *',
      lastRun: { status: expect.any(String), counts: { examined: expect.any(Number), resumed: expect.any(Number) } },
    });
  });
});
