/**
 * The benchmark client, run in a worker thread: like a real client it does not share the
 * server's event loop (the local cloud runs in the main thread). Subject and raw baseline are
 * both measured from here, against the same DynamoDB Local.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applyBurstBenchmark } from './apply-burst.bench.ts';
import { companyGetBenchmark } from './company-get.bench.ts';
import type { BenchTarget, Figure } from './harness.ts';
import { importsBenchmark } from './imports.bench.ts';
import { lifecycleRobotBenchmark } from './lifecycle-robot.bench.ts';
import { mixedLoadBenchmark } from './mixed-load.bench.ts';
import { newOfferAlertsBenchmark } from './new-offer-alerts.bench.ts';
import { offersTabsBenchmark } from './offers-tabs.bench.ts';

const target = workerData as BenchTarget;
const benchmarks: Record<string, () => Promise<Figure | Figure[]>> = {
  'company-get': () => companyGetBenchmark(target),
  'offers-tabs': () => offersTabsBenchmark(target),
  imports: () => importsBenchmark(target),
  'lifecycle-robot': () => lifecycleRobotBenchmark(target),
  'new-offer-alerts': () => newOfferAlertsBenchmark(target),
  // `npm run bench -- load`: both, on one population of employees (load-setup.ts).
  'load-apply-burst': () => applyBurstBenchmark(target),
  'load-mixed': () => mixedLoadBenchmark(target),
};
const figures: Figure[] = [];
for (const [key, run] of Object.entries(benchmarks)) {
  if (!target.only || key.includes(target.only)) figures.push(...[await run()].flat());
}
parentPort!.postMessage(figures);
