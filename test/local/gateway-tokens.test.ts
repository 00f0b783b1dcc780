import { createSign, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { startGateway, type GatewayRoute } from '#local/gateway.ts';
import type { RunningService } from '#local/service.ts';

/**
 * The local gateway checks each token's signature once and keeps the payload until the token's
 * `exp`: a token that has expired since is refused, whatever was kept; a forged one never passes.
 */
const issuer = 'http://issuer.local';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

function token(claims: Record<string, unknown>, key = privateKey): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

const route: GatewayRoute = {
  id: 'private',
  method: 'GET',
  path: '/private',
  handler: 'none.ts',
  access: ['employee'],
  summary: 'private',
  tag: 'test',
  request: {},
  response: { status: 200, description: 'ok', body: z.object({}) },
  errors: [],
  needs: {},
};

let jwks: http.Server;
let gateway: RunningService;
let invocations = 0;

beforeAll(async () => {
  jwks = http.createServer((_, response) => response.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  gateway = await startGateway({
    port,
    routes: [route],
    invoke: async () => {
      invocations += 1;
      return { statusCode: 200, body: '{}' };
    },
    authorizer: { issuer, audience: 'client', jwksUri: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json` },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
});

afterEach(() => vi.useRealTimers());

const call = async (bearer: string) => (await fetch(`${gateway.url}/private`, { headers: { authorization: `Bearer ${bearer}` } })).status;

describe('the local gateway’s token check', () => {
  it('lets a token through while it is valid, and refuses it once expired even though it was verified before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.UTC(2026, 11, 3, 12, 0, 0);
    vi.setSystemTime(start);
    const bearer = token({ iss: issuer, aud: 'client', sub: 'u1', token_use: 'id', exp: start / 1000 + 60, iat: start / 1000 });
    const before = invocations;
    expect(await call(bearer)).toBe(200);
    expect(await call(bearer)).toBe(200);
    expect(invocations - before).toBe(2);
    vi.setSystemTime(start + 61_000);
    expect(await call(bearer)).toBe(401);
    expect(invocations - before).toBe(2);
  });

  it('refuses a token signed with another key, every time', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = token({ iss: issuer, aud: 'client', sub: 'u2', token_use: 'id', exp: Date.now() / 1000 + 3600 }, other);
    expect(await call(forged)).toBe(401);
    expect(await call(forged)).toBe(401);
  });
});
