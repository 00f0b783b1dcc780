/**
 * The benchmark client, run in a worker thread: like a real client it does not share the
 * server's event loop (the local cloud runs in the main thread). Subject and raw baseline are
 * both measured from here, against the same DynamoDB Local.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { companyGetBenchmark } from './company-get.bench.ts';
import type { BenchTarget, Figure } from './harness.ts';
import { importsBenchmark } from './imports.bench.ts';
import { lifecycleRobotBenchmark } from './lifecycle-robot.bench.ts';
import { offersTabsBenchmark } from './offers-tabs.bench.ts';

const target = workerData as BenchTarget;
const figures: Figure[] = [await companyGetBenchmark(target), await offersTabsBenchmark(target), await importsBenchmark(target), ...(await lifecycleRobotBenchmark(target))];
parentPort!.postMessage(figures);
