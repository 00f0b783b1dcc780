import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { routeList, stageThrottle } from '#definitions/routes.ts';
import type { Throttle } from '#shared/route.ts';
import { cloud, tokenOf } from '../support/api.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { localTable, outboxDrained } from '../support/table.ts';
import { badRequests, type BadRequest } from './bad-inputs.ts';

// Before and after are compared on a table of this file's own: other files write to the shared one.
const own = await startOwnCloud();
afterAll(() => own.stop());

const seed = 20261203;
const perRoute = 200;
const concurrency = 16;

/** Every item of the table, as sorted JSON lines. */
async function tableItems(): Promise<string[]> {
  const { client, tableName } = localTable();
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(JSON.stringify(item, Object.keys(item).sort()));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

/**
 * A client-side token bucket below the route's API Gateway throttling (80 % of its rate, half its
 * burst), so that the gateway never answers 429 in place of the check under test.
 */
function rateLimiter(throttle: Throttle) {
  const rate = throttle.rate * 0.8;
  const burst = Math.max(1, Math.floor(throttle.burst / 2));
  let tokens = burst;
  let at = Date.now();
  let queue = Promise.resolve();
  const take = async () => {
    for (;;) {
      const now = Date.now();
      tokens = Math.min(burst, tokens + ((now - at) / 1000) * rate);
      at = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - tokens) / rate) * 1000)));
    }
  };
  // One waiter at a time: the tokens go out in order.
  return () => {
    queue = queue.then(take);
    return queue;
  };
}

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await (tasks[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function statusesOf(answers: readonly Answer[]): Record<number, number> {
  const statuses: Record<number, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  return statuses;
}

interface Answer {
  readonly route: string;
  readonly request: BadRequest;
  readonly status: number;
  readonly body: unknown;
}

/** The account whose token a route gets: one of its roles, so that its checks are the ones reached. */
const accountOf = (access: (typeof routeList)[number]['access']) => (access === 'public' ? undefined : access[0]);

async function send(route: string, request: BadRequest, token: string | undefined, take: () => Promise<void>): Promise<Answer> {
  await take();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (request.contentType) headers['content-type'] = request.contentType;
  const response = await fetch(`${cloud().api}${request.url}`, { method: request.method, headers, body: request.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and the checks below fail on it
  }
  return { route, request, status: response.status, body };
}

/**
 * The function's refusals carry `error.code`; the gateway's own (no route, undecodable path) only
 * `message`; the HTTP server refuses a request line over its 16 KB header limit with an empty 431.
 */
function problem(answer: Answer): string | undefined {
  const { status, body } = answer;
  if (status >= 500) return '5xx';
  if (status < 400) return 'not refused';
  if (status === 429) return 'throttled';
  if (status === 431 && body === '') return undefined;
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
  if (!error) {
    const gateway = typeof (body as { message?: unknown } | undefined)?.message === 'string';
    return gateway && (status === 404 || status === 400) ? undefined : 'unexpected answer';
  }
  if (typeof error.code !== 'string' || typeof error.message !== 'string') return 'no code or message';
  if (status !== 400) return undefined;
  const fields = error.fields as { field?: unknown; message?: unknown }[] | undefined;
  const described =
    Array.isArray(fields) &&
    fields.length > 0 &&
    fields.every((f) => typeof f.field === 'string' && typeof f.message === 'string' && f.message);
  return described ? undefined : '400 without field messages';
}

describe('generated bad inputs (fast-check, from the route schemas)', () => {
  it(`every route answers ≥ ${perRoute} invalid requests with a 4xx, never a 5xx, and writes nothing`, async () => {
    const tokens = new Map<string, string>();
    for (const route of routeList) {
      const account = accountOf(route.access);
      if (account && !tokens.has(account)) tokens.set(account, await tokenOf(account));
    }
    const plans = routeList.map((route) => ({ route, requests: badRequests(route, routeList, seed, perRoute) }));

    // The seed's own e-mails are sent by then: the outbox changes nothing between the two scans.
    await outboxDrained();
    const before = await tableItems();
    const started = Date.now();
    const tasks = plans.flatMap(({ route, requests }) => {
      const take = rateLimiter(route.throttle ?? stageThrottle);
      const account = accountOf(route.access);
      const token = account ? tokens.get(account) : undefined;
      return requests.map((request) => () => send(route.id, request, token, take));
    });
    // Interleaved across routes, so that the slow-throttled ones do not wait at the end.
    const order = tasks.map((_, i) => i).sort((a, b) => (a % perRoute) - (b % perRoute) || a - b);
    const answers = await pool(
      order.map((i) => tasks[i] as () => Promise<Answer>),
      concurrency,
    );
    const seconds = (Date.now() - started) / 1000;
    await outboxDrained();
    const after = await tableItems();

    const counts = plans.map(({ route, requests }) => ({ route: route.id, inputs: requests.length }));
    const total = counts.reduce((sum, { inputs }) => sum + inputs, 0);
    const fiveXx = answers.filter((answer) => answer.status >= 500).length;
    const statuses = statusesOf(answers);
    console.log(
      [
        `fast-check seed ${seed}`,
        ...counts.map(
          ({ route, inputs }) => `  ${route}: ${inputs} ${JSON.stringify(statusesOf(answers.filter((a) => a.route === route)))}`,
        ),
        `routes ${counts.length}, inputs min ${Math.min(...counts.map((c) => c.inputs))}, total ${total}, 5xx ${fiveXx}`,
        `statuses ${JSON.stringify(statuses)}, sent in ${seconds.toFixed(1)} s`,
      ].join('\n'),
    );

    const problems = answers
      .map((answer) => ({ problem: problem(answer), answer }))
      .filter((entry) => entry.problem)
      .map(
        ({ problem, answer }) =>
          `${problem}: ${answer.route} ${answer.request.kind} ${answer.status} ${answer.request.method} ${answer.request.url.slice(0, 120)} ${JSON.stringify(answer.body).slice(0, 200)}`,
      );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(fiveXx).toBe(0);
    expect(Math.min(...counts.map((c) => c.inputs))).toBeGreaterThanOrEqual(perRoute);
    expect(answers).toHaveLength(total);
    // Refused before any use case: not an item written, not even a rate-limit counter.
    const beforeSet = new Set(before);
    const afterSet = new Set(after);
    const written = after.filter((item) => !beforeSet.has(item));
    const removed = before.filter((item) => !afterSet.has(item));
    expect({ written: written.slice(0, 5), removed: removed.slice(0, 5) }).toEqual({ written: [], removed: [] });
  }, 240_000);
});
