import http from 'node:http';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a benchmark needs of the local cloud; plain data, so it can cross to the client thread. */
export interface BenchTarget {
  /** Runs only the benchmarks whose key contains this (`npm run bench -- robot`). */
  readonly only?: string;
  readonly environment: Record<string, string>;
  readonly api: string;
  readonly demoPassword: string;
}

/** Logs a seeded account in through the API and returns its ID token. */
export async function tokenFor(target: BenchTarget, email: string): Promise<string> {
  const login = await fetch(`${target.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: target.demoPassword }),
  });
  if (login.status !== 200) throw new Error(`login of ${email} answered ${login.status}`);
  return ((await login.json()) as { idToken: string }).idToken;
}

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly goal: { readonly op: '<=' | '>=' | '<' | '>'; readonly value: number };
  /** Raw measurements behind the figure, for the results file. */
  readonly details?: Record<string, number>;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Times `run` once, in milliseconds. */
export async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Measures two operations alternately (A, B, A, B...) after a warm-up, so both see the same
 * machine load, and returns the median of each in milliseconds.
 */
export async function compareMedians(iterations: number, subject: () => Promise<unknown>, baseline: () => Promise<unknown>, warmup = 20) {
  for (let i = 0; i < warmup; i += 1) {
    await subject();
    await baseline();
  }
  const subjectTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    subjectTimes.push(await time(subject));
    baselineTimes.push(await time(baseline));
  }
  return { subjectMs: median(subjectTimes), baselineMs: median(baselineTimes) };
}

/** A comparison's figure: how many times the baseline's time the subject takes, `maxRatio` at the most. */
export const ratioFigure = (
  name: string,
  subjectMs: number,
  baselineMs: number,
  details: Record<string, number>,
  maxRatio = 1.5,
): Figure => ({
  name,
  value: subjectMs / baselineMs,
  unit: 'ratio',
  goal: { op: '<=', value: maxRatio },
  details,
});

const meets = (figure: Figure) => {
  const { op, value } = figure.goal;
  return op === '<='
    ? figure.value <= value
    : op === '>='
      ? figure.value >= value
      : op === '<'
        ? figure.value < value
        : figure.value > value;
};

/** Prints one `BENCH` line per figure and writes them all to bench/results.json. */
export async function report(figures: readonly Figure[]) {
  for (const figure of figures) {
    console.log(`BENCH ${figure.name} ${figure.value.toFixed(2)} ${figure.unit} goal ${figure.goal.op} ${figure.goal.value}`);
  }
  const results = figures.map((figure) => ({ ...figure, met: meets(figure) }));
  await writeFile(
    path.join(import.meta.dirname, 'results.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * A GET over a kept-alive connection with node:http, as a service client would make it.
 * (Node's fetch adds about 0.8 ms per call on this machine, which would measure undici, not us.)
 */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: keepAlive, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}
