import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { median, time, type BenchTarget, type Figure } from './harness.ts';
import { outboxDrained } from './lifecycle-robot.bench.ts';
import {
  applicationsOf,
  applyItems,
  type CapacityMeter,
  cannon,
  freePlaces,
  loadPopulation,
  openOffer,
  rawClient,
  rawRoutes,
  warmRoutes,
  type LoadEmployee,
} from './load-setup.ts';

/** Rounds measured after the warm-up one; the order of subject and baseline alternates. */
const rounds = 3;

/** Nearest-rank percentile of `values` (`p` in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Per-request latencies of a raw burst: every call started at once. */
async function rawBurst(employees: readonly LoadEmployee[], run: (employee: LoadEmployee, index: number) => Promise<void>) {
  const latencies: number[] = [];
  const durationMs = await time(() =>
    Promise.all(employees.map(async (employee, index) => latencies.push(await time(() => run(employee, index))))),
  );
  return { durationMs, latencies };
}

/**
 * One `POST /offers/{offerId}/applications` per employee, each on its own connection, all sent
 * at once (autocannon: one connection per employee, one request each). Every answer must be a
 * 201: a first application, or the same application answered again for a repeat.
 */
async function apiBurst(target: BenchTarget, offerId: string, employees: readonly LoadEmployee[]) {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let result: Awaited<ReturnType<typeof cannon>> | undefined;
  const durationMs = await time(async () => {
    result = await cannon(
      {
        url: `${target.api}/offers/${offerId}/applications`,
        method: 'POST',
        connections: employees.length,
        amount: employees.length,
        maxConnectionRequests: 1,
        timeout: 30,
        setupClient: (client) => {
          client.setHeaders({ authorization: `Bearer ${employees[next++ % employees.length]!.token}` });
        },
      },
      (statusCode, latencyMs) => {
        latencies.push(latencyMs);
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      },
    );
  });
  // Every answer must be a 201 (a first application, or the same one answered again).
  const errors = employees.length - (statuses.get(201) ?? 0) + (result?.errors ?? 0) + (result?.timeouts ?? 0);
  if (errors > 0) console.error(`apply burst on ${offerId}: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  return { durationMs, latencies, errors };
}

/** How far the offer is from exactly `expected` applications and an `applicantCount` of `expected`. */
async function countGap(db: DynamoDBDocumentClient, tableName: string, offerId: string, expected: number): Promise<number> {
  const seen = await applicationsOf(db, tableName, offerId);
  return Math.abs(seen.applications - expected) + Math.abs(seen.applicantCount - expected);
}

/**
 * Issue 15, item 4: the population (200 employees with complete files) applies to one offer at
 * the same instant, then again (repeats). `apply-burst-200-errors` counts what is not a 201
 * and any gap from exactly 200 applications and `applicantCount` 200 (goal 0; reported rather
 * than thrown, so that the other figures still print). Compared with the same work sent straight
 * to DynamoDB Local by as many calls at once (`rawRoutes`: the reads, the employer and the
 * grids, the transaction; for a repeat, the reads). Each round uses two fresh offers (one for the API, one for the raw calls)
 * and gives every employee his places back first; the outbox is drained before each measure so
 * that one run's e-mails do not load the next. One warm-up round, then medians of `rounds`.
 */
export async function applyBurstBenchmark(target: BenchTarget): Promise<Figure[]> {
  const tableName = target.environment.TABLE_NAME!;
  const db = rawClient(target);
  const meter: CapacityMeter = { units: 0 };
  const rawDb = rawClient(target, meter);
  const raw = rawRoutes(rawDb, tableName);
  const capacity = { apply: 0, repeat: 0 };
  let warmUpErrors = 0;
  const employees = await loadPopulation(target);
  await warmRoutes(target, db, employees[0]!);
  const subject: { first: number; repeat: number; latencies: number[]; errors: number }[] = [];
  const baseline: { first: number; repeat: number; latencies: number[]; errors: number }[] = [];

  for (let round = 0; round <= rounds; round += 1) {
    const [apiOffer, rawOffer] = [await openOffer(target, db), await openOffer(target, db)];
    await freePlaces(db, tableName, employees);
    const items = employees.map((employee, index) => applyItems(employee, index, rawOffer));
    const viaApi = async () => {
      await outboxDrained(target, db);
      const first = await apiBurst(target, apiOffer, employees);
      const repeat = await apiBurst(target, apiOffer, employees);
      const errors = first.errors + repeat.errors + (await countGap(db, tableName, apiOffer, employees.length));
      return { first: first.durationMs, repeat: repeat.durationMs, latencies: first.latencies, errors };
    };
    const viaRaw = async () => {
      await outboxDrained(target, db);
      const before = meter.units;
      const first = await rawBurst(employees, (employee, index) => raw.apply(rawOffer, employee.id, items[index]!));
      const between = meter.units;
      const repeat = await rawBurst(employees, (employee) => raw.applyAgain(rawOffer, employee.id));
      capacity.apply = (between - before) / employees.length;
      capacity.repeat = (meter.units - between) / employees.length;
      if ((await countGap(db, tableName, rawOffer, employees.length)) > 0)
        throw new Error(`raw burst on ${rawOffer}: not 200 applications`);
      return { first: first.durationMs, repeat: repeat.durationMs, latencies: first.latencies, errors: 0 };
    };
    const api = round % 2 ? await viaApi() : undefined;
    const base = await viaRaw();
    const measured = api ?? (await viaApi());
    if (round === 0) {
      warmUpErrors = measured.errors;
      continue;
    }
    subject.push(measured);
    baseline.push(base);
  }
  db.destroy();
  rawDb.destroy();

  const apiFirstMs = median(subject.map((run) => run.first));
  const rawFirstMs = median(baseline.map((run) => run.first));
  const apiLatencies = subject.flatMap((run) => run.latencies);
  const rawLatencies = baseline.flatMap((run) => run.latencies);
  const details = {
    employees: employees.length,
    rounds,
    apiBurstMedianMs: apiFirstMs,
    rawBurstMedianMs: rawFirstMs,
    apiRepeatBurstMedianMs: median(subject.map((run) => run.repeat)),
    rawRepeatBurstMedianMs: median(baseline.map((run) => run.repeat)),
    apiP50Ms: percentile(apiLatencies, 50),
    apiP99Ms: percentile(apiLatencies, 99),
    rawP50Ms: percentile(rawLatencies, 50),
    rawP99Ms: percentile(rawLatencies, 99),
    errorsWarmUpRound: warmUpErrors,
    // What one "Je postule" costs DynamoDB (as DynamoDB Local counts it), for docs/scale.md.
    capacityUnitsPerApply: capacity.apply,
    capacityUnitsPerRepeat: capacity.repeat,
  };
  // bench/results.json keeps them too; one line here, for a run whose results file another run overwrote.
  console.log(`apply-burst details ${JSON.stringify(details)}`);
  return [
    { name: 'apply-burst-200-vs-raw', value: apiFirstMs / rawFirstMs, unit: 'ratio', goal: { op: '<=', value: 1.5 }, details },
    // Non-201 answers of the measured rounds, plus any gap from exactly 200 applications and an applicantCount of 200.
    {
      name: 'apply-burst-200-errors',
      value: subject.reduce((sum, run) => sum + run.errors, 0),
      unit: 'count',
      goal: { op: '<=', value: 0 },
      details,
    },
    // Latency of each answer in the burst, against the same reads and transaction sent raw at the same instant: the
    // absolute milliseconds are DynamoDB Local's on a shared machine (the issue measured 1.5 s and 2.5 s before), the
    // ratio is what the service adds; the milliseconds are in the details line above.
    {
      name: 'apply-burst-200-p50-vs-raw',
      value: details.apiP50Ms / details.rawP50Ms,
      unit: 'ratio',
      goal: { op: '<=', value: 1.5 },
      details,
    },
    {
      name: 'apply-burst-200-p99-vs-raw',
      value: details.apiP99Ms / details.rawP99Ms,
      unit: 'ratio',
      goal: { op: '<=', value: 1.5 },
      details,
    },
  ];
}
