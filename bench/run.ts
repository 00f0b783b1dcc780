/**
 * `npm run bench`: starts a local cloud beside any running one, runs every benchmark from a
 * client thread (`client.ts`), prints one `BENCH <name> <value> <unit> goal <op> <value>` line
 * per figure and writes bench/results.json.
 */
import { Worker } from 'node:worker_threads';
import { startLocalCloud } from '#local/cloud.ts';
import { freePorts } from '#local/ports.ts';
import { report, type BenchTarget, type Figure } from './harness.ts';
import { lifecycleTransitionsBenchmark } from './lifecycle-transitions.bench.ts';

const cloud = await startLocalCloud({ ports: await freePorts(), seed: true });
try {
  const only = process.argv[2];
  const target: BenchTarget = { environment: cloud.environment, api: cloud.urls.api, demoPassword: cloud.demoPassword, only };
  const figures = await new Promise<Figure[]>((resolve, reject) => {
    const client = new Worker(new URL('./client.ts', import.meta.url), { workerData: target, execArgv: ['--import', 'tsx'] });
    client.once('message', resolve);
    client.once('error', reject);
    client.once('exit', (code) => reject(new Error(`benchmark client exited with ${code}`)));
  });
  // A count of the runtime's state events, not a timing: it runs here, beside the runtime.
  await report([...figures, ...(!only || 'lifecycle-transitions'.includes(only) ? await lifecycleTransitionsBenchmark(cloud) : [])]);
} finally {
  await cloud.stop();
}
// SDK keep-alive sockets would hold the process open for a while.
process.exit(0);
