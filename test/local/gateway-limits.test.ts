import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayRoute } from '#local/gateway.ts';
import type { RunningService } from '#local/service.ts';
import { maxRequestBodyBytes } from '#shared/route.ts';
import { z } from 'zod';

/**
 * The local gateway's throttling (token buckets with the declared rate and burst) and body cap
 * (413 before any invocation), on an in-process gateway whose clock the test turns.
 */
const route = (id: string, path: string, throttle?: GatewayRoute['throttle']): GatewayRoute => ({
  id,
  method: 'POST',
  path,
  handler: 'none.ts',
  access: 'public',
  summary: id,
  tag: 'test',
  request: {},
  response: { status: 200, description: 'ok', body: z.object({}) },
  errors: [],
  needs: {},
  throttle,
});

let jwks: http.Server;
let gateway: RunningService;
let now = 1_000_000;
const invoked: string[] = [];

beforeAll(async () => {
  jwks = http.createServer((_, response) => response.end(JSON.stringify({ keys: [] })));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  gateway = await startGateway({
    port,
    routes: [route('limited', '/limited', { rate: 2, burst: 3 }), route('open', '/open')],
    stageThrottle: { rate: 100, burst: 100 },
    clock: () => now,
    invoke: async (target) => {
      invoked.push(target.id);
      return { statusCode: 200, body: '{}' };
    },
    authorizer: { issuer: 'http://issuer.local', audience: 'client', jwksUri },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
});

const post = (path: string, body = '{}') =>
  fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('the local gateway, as API Gateway throttles', () => {
  it('lets a burst through, answers 429 beyond it, and refills at the declared rate', async () => {
    invoked.length = 0;
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/limited')));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(await refused.json()).toEqual({ message: 'Too Many Requests' });
    expect(invoked).toEqual(['limited', 'limited', 'limited']);

    // Another route has its own bucket (the stage default).
    expect((await post('/open')).status).toBe(200);

    now += 500; // half a second at 2 per second: one token
    expect((await post('/limited')).status).toBe(200);
    expect((await post('/limited')).status).toBe(429);
    now += 10_000; // never more than the burst
    const refilled = await Promise.all(Array.from({ length: 4 }, () => post('/limited')));
    expect(refilled.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429]);
  });
});

describe('the local gateway, as the functions cap bodies', () => {
  it('refuses a body over 1 MB with 413 and the edge’s French message, without invoking the function', async () => {
    invoked.length = 0;
    const tooLarge = await post('/open', JSON.stringify({ text: 'x'.repeat(maxRequestBodyBytes) }));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Le corps de la requête dépasse la taille maximale de 1 Mo.' },
    });
    expect(invoked).toEqual([]);
    const atTheCap = await post('/open', JSON.stringify({ text: 'x'.repeat(maxRequestBodyBytes - 20) }));
    expect(atTheCap.status).toBe(200);
    expect(invoked).toEqual(['open']);
  });
});
