/**
 * `npm run bench`: starts a local cloud beside any running one, runs every benchmark from a
 * client thread (`client.ts`), prints one `BENCH <name> <value> <unit> goal <op> <value>` line
 * per figure and writes bench/results.json.
 */
import { Worker } from 'node:worker_threads';
import { startLocalCloud } from '#local/cloud.ts';
import { freePorts } from '#local/ports.ts';
import { ensureWebBuild, webRoot } from '#local/web-build.ts';
import { report, type BenchTarget, type Figure } from './harness.ts';
import { lambdaBundlesBenchmark } from './lambda-bundles.bench.ts';
import { lifecycleTransitionsBenchmark } from './lifecycle-transitions.bench.ts';
import { webEntryBenchmark } from './web-entry.bench.ts';
import { webTabsPageBenchmark } from './web-tabs-page.bench.ts';

const only = process.argv[2];
const selected = (key: string) => !only || key.includes(only);
// The web app's figures (`npm run bench -- web`) need its build, served by the cloud's gateway.
const web = selected('web-employee-entry') || selected('web-tabs-page');
if (web) await ensureWebBuild();
const cloud = await startLocalCloud({ ports: await freePorts(), seed: true, ...(web && { webRoot }) });
try {
  const target: BenchTarget = { environment: cloud.environment, api: cloud.urls.api, demoPassword: cloud.demoPassword, only };
  const figures = await new Promise<Figure[]>((resolve, reject) => {
    const client = new Worker(new URL('./client.ts', import.meta.url), { workerData: target, execArgv: ['--import', 'tsx'] });
    client.once('message', resolve);
    client.once('error', reject);
    client.once('exit', (code) => reject(new Error(`benchmark client exited with ${code}`)));
  });
  // A count of the runtime's state events, not a timing: it runs here, beside the runtime.
  if (selected('lifecycle-transitions')) figures.push(...(await lifecycleTransitionsBenchmark(cloud)));
  // Synthesizes the app and imports each function's bundle in a fresh Node 22 process: no cloud involved.
  if (selected('lambda-bundles')) figures.push(...(await lambdaBundlesBenchmark()));
  if (selected('web-employee-entry')) figures.push(await webEntryBenchmark(webRoot));
  // Chromium runs in processes of its own; the timings are taken inside the page, by its clock.
  if (selected('web-tabs-page')) {
    const employee = cloud.demoAccounts.find((account) => account.key === 'employee');
    if (!employee) throw new Error('no seeded demo employee');
    figures.push(...(await webTabsPageBenchmark({ origin: cloud.urls.api, email: employee.email, password: cloud.demoPassword })));
  }
  await report(figures);
} finally {
  await cloud.stop();
}
// SDK keep-alive sockets would hold the process open for a while.
process.exit(0);
