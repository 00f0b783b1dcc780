import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatewayOfFile, testIssuer as issuer, testRoute } from '../support/gateway.ts';

/**
 * The local gateway checks each token's signature once and keeps the payload until the token's
 * `exp`: a token that has expired since is refused, whatever was kept; a forged one never passes.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

function token(claims: Record<string, unknown>, key = privateKey): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

let invocations = 0;
const gatewayUrl = gatewayOfFile({
  routes: [testRoute('private', '/private', { method: 'GET', access: ['employee'] })],
  invoke: async () => {
    invocations += 1;
    return { statusCode: 200, body: '{}' };
  },
  keys: [jwk],
});

afterEach(() => vi.useRealTimers());

const call = async (bearer: string) => (await fetch(`${gatewayUrl()}/private`, { headers: { authorization: `Bearer ${bearer}` } })).status;

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
