/**
 * `npm run bench`: starts a local cloud beside any running one, runs every benchmark, prints one
 * `BENCH <name> <value> <unit> goal <op> <value>` line per figure and writes bench/results.json.
 */
import { startLocalCloud } from '#local/cloud.ts';
import { freePorts } from '#local/ports.ts';
import { companyGetBenchmark } from './company-get.bench.ts';
import { report, type Figure } from './harness.ts';

const cloud = await startLocalCloud({ ports: await freePorts(), seed: true });
try {
  const login = await fetch(`${cloud.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operateur@demo.alin.local', password: cloud.demoPassword }),
  });
  const { idToken } = (await login.json()) as { idToken: string };
  const figures: Figure[] = [await companyGetBenchmark(cloud, idToken)];
  figures.push(await (await import('./offers-tabs.bench.ts')).offersTabsBenchmark(cloud));
  await report(figures);
} finally {
  await cloud.stop();
}
// SDK keep-alive sockets would hold the process open for a while.
process.exit(0);
