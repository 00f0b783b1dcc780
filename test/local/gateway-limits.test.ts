import { describe, expect, it } from 'vitest';
import { maxRequestBodyBytes } from '#shared/route.ts';
import { gatewayOfFile, testRoute } from '../support/gateway.ts';

/**
 * The local gateway's throttling (token buckets with the declared rate and burst) and body cap
 * (413 before any invocation), on an in-process gateway whose clock the test turns.
 */
let now = 1_000_000;
const invoked: string[] = [];
const gatewayUrl = gatewayOfFile({
  routes: [testRoute('limited', '/limited', { throttle: { rate: 2, burst: 3 } }), testRoute('open', '/open')],
  stageThrottle: { rate: 100, burst: 100 },
  clock: () => now,
  invoke: async (target) => {
    invoked.push(target.id);
    return { statusCode: 200, body: '{}' };
  },
});

const post = (path: string, body = '{}') =>
  fetch(`${gatewayUrl()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

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
