import type { BenchTarget, Figure } from './harness.ts';
import { outboxDrained } from './lifecycle-robot.bench.ts';
import { percentile } from './apply-burst.bench.ts';
import {
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

/** Connections (and, raw, calls in flight) of the mixed load. */
const connections = 100;
/** Seconds of each measured run: the 30 s unless `BENCH_LOAD_SECONDS` says otherwise. */
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
/** Offers the applications go to: with the cap of 5 active applications, 5 offers × the population are new applications. */
const applyOffers = 5;
/** Offers whose details are read. */
const detailOffers = 5;

type Operation = 'tabs' | 'detail' | 'apply';
/** The mix, in tenths: tabs 70 %, offer details 20 %, "Je postule" 10 %. */
const mix: readonly Operation[] = ['tabs', 'tabs', 'tabs', 'tabs', 'detail', 'tabs', 'tabs', 'detail', 'tabs', 'apply'];

/**
 * The n-th request of a run: its operation, its employee, and for an application its offer
 * (employee-major within an offer, so that the first `applyOffers × population` applications
 * are all new; past them, repeats, which answer the same application).
 */
function planner(employees: readonly LoadEmployee[], details: readonly string[], applications: readonly string[]) {
  const count = { tabs: 0, detail: 0, apply: 0 };
  return () => {
    const operation = mix[(count.tabs + count.detail + count.apply) % mix.length]!;
    const index = count[operation]++;
    const employee = employees[index % employees.length]!;
    const offerIndex = Math.floor(index / employees.length);
    const offerId = operation === 'apply' ? applications[offerIndex % applications.length]! : details[index % details.length]!;
    return { operation, employee, employeeIndex: index % employees.length, offerId, repeat: offerIndex >= applications.length };
  };
}

/** `seconds` of the mix through the API from `connections` connections (autocannon). */
async function apiRun(
  target: BenchTarget,
  employees: readonly LoadEmployee[],
  details: readonly string[],
  applications: readonly string[],
  duration: number,
) {
  const next = planner(employees, details, applications);
  const statuses = new Map<number, number>();
  // In a worker thread autocannon leaves its histograms to a parent: latencies are taken from each answer.
  const latencies: number[] = [];
  const started = performance.now();
  const result = await cannon(
    {
      url: target.api,
      connections,
      duration,
      timeout: 30,
      requests: [
        {
          setupRequest: (request) => {
            const { operation, employee, offerId } = next();
            const path =
              operation === 'tabs' ? '/offers?tab=requested' : `/offers/${offerId}${operation === 'apply' ? '/applications' : ''}`;
            return {
              ...request,
              method: operation === 'apply' ? 'POST' : 'GET',
              path,
              headers: { authorization: `Bearer ${employee.token}` },
            };
          },
        },
      ],
    },
    (statusCode, latencyMs) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      latencies.push(latencyMs);
    },
  );
  const elapsed = (performance.now() - started) / 1000;
  const answered = [...statuses.values()].reduce((sum, n) => sum + n, 0);
  const ok = [...statuses].filter(([status]) => status >= 200 && status < 300).reduce((sum, [, n]) => sum + n, 0);
  return {
    throughput: answered / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: answered,
    errors: answered - ok + (result.errors ?? 0) + (result.timeouts ?? 0),
    statuses: Object.fromEntries([...statuses].map(([status, n]) => [`status${status}`, n])),
  };
}

/** The same mix sent raw (`rawRoutes`) by `connections` calls in flight for `seconds`. */
async function rawRun(
  target: BenchTarget,
  employees: readonly LoadEmployee[],
  details: readonly string[],
  applications: readonly string[],
  duration: number,
) {
  const tableName = target.environment.TABLE_NAME!;
  const db = rawClient(target);
  const raw = rawRoutes(db, tableName);
  const next = planner(employees, details, applications);
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const { operation, employee, employeeIndex, offerId, repeat } = next();
        const at = performance.now();
        if (operation === 'tabs') await raw.tabs(employee.id);
        else if (operation === 'detail') await raw.detail(offerId, employee.id);
        else if (repeat) await raw.applyAgain(offerId, employee.id);
        // The items are built as the route builds them before its transaction.
        else await raw.apply(offerId, employee.id, applyItems(employee, employeeIndex, offerId));
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  db.destroy();
  return {
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
  };
}

/**
 * Issue 15, item 4: the mixed load (tabs 70 %, offer details 20 %, "Je postule" 10 %) from 100
 * connections for 30 s through the API, then the same operations sent raw to DynamoDB Local by
 * 100 calls in flight for as long. Figures: the API's throughput and p99, its errors (every
 * answer must be a 2xx) and how many times the raw throughput the API's is. Each run has its own
 * offers to apply to; every employee's places are given back before each, and the outbox is
 * drained. A 3-second run of each warms both paths first.
 */
export async function mixedLoadBenchmark(target: BenchTarget): Promise<Figure[]> {
  const tableName = target.environment.TABLE_NAME!;
  const db = rawClient(target);
  const employees = await loadPopulation(target);
  await warmRoutes(target, db, employees[0]!);
  const offers = async (count: number) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push(await openOffer(target, db));
    return ids;
  };
  const details = await offers(detailOffers);
  const prepare = async () => {
    await freePlaces(db, tableName, employees);
    await outboxDrained(target, db);
  };

  await prepare();
  await apiRun(target, employees, details, await offers(1), 3);
  await rawRun(target, employees, details, await offers(1), 3);

  const [rawOffers, apiOffers] = [await offers(applyOffers), await offers(applyOffers)];
  await prepare();
  const base = await rawRun(target, employees, details, rawOffers, seconds);
  await prepare();
  const api = await apiRun(target, employees, details, apiOffers, seconds);

  // What one tabs and one offer-details request cost DynamoDB (as DynamoDB Local counts it), for docs/scale.md.
  const meter: CapacityMeter = { units: 0 };
  const metered = rawClient(target, meter);
  const routes = rawRoutes(metered, tableName);
  const samples = 20;
  for (let index = 0; index < samples; index += 1) await routes.tabs(employees[index]!.id);
  const tabsUnits = meter.units / samples;
  for (let index = 0; index < samples; index += 1) await routes.detail(details[index % details.length]!, employees[index]!.id);
  const detailUnits = meter.units / samples - tabsUnits;
  metered.destroy();
  db.destroy();

  const measured = {
    connections,
    seconds,
    apiRequests: api.requests,
    apiThroughputRps: api.throughput,
    apiP50Ms: api.p50,
    apiP99Ms: api.p99,
    rawRequests: base.requests,
    rawThroughputRps: base.throughput,
    rawP50Ms: base.p50,
    rawP99Ms: base.p99,
    capacityUnitsPerTabs: tabsUnits,
    capacityUnitsPerDetail: detailUnits,
    ...api.statuses,
  };
  // bench/results.json keeps them too; one line here, for a run whose results file another run overwrote.
  console.log(`mixed-load details ${JSON.stringify(measured)}`);
  return [
    // Twice the national peak hour (≈ 22 requests/s, docs/scale.md), served by the one process of the local cloud.
    { name: 'mixed-load-throughput-rps', value: api.throughput, unit: 'rps', goal: { op: '>=', value: 50 }, details: measured },
    // A person waits at most 2 s for a page or "Je postule" at that load, as in the burst (apply-burst.bench.ts).
    { name: 'mixed-load-p99-ms', value: api.p99, unit: 'ms', goal: { op: '<=', value: 2_000 }, details: measured },
    { name: 'mixed-load-errors', value: api.errors, unit: 'count', goal: { op: '<=', value: 0 }, details: measured },
    {
      name: 'mixed-load-vs-raw',
      value: base.throughput / api.throughput,
      unit: 'ratio',
      goal: { op: '<=', value: 1.5 },
      details: measured,
    },
  ];
}
