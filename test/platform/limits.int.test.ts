import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { getCompanyEligibility } from '#companies/company-routes.ts';
import { login, register, setPassword } from '#identity/identity-routes.ts';
import { api } from '../support/api.ts';
import { createTestEmployee } from '../support/employees.ts';
import { registration } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable } from '../support/table.ts';

/** The password `createTestEmployee` gives its accounts. */
const rightPassword = 'TestEmploye2026';
const perEmail = login.limits.find((limit) => limit.by === 'body.email')!;
const logIn = (email: string, password: string) => api('POST', '/auth/login', { body: { email, password } });

function expectTooMany(answer: Awaited<ReturnType<typeof logIn>>) {
  expect(answer.status).toBe(429);
  expect(answer.body.error.code).toBe('TOO_MANY_REQUESTS');
  expect(answer.body.error.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ minutes?\.$/);
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(perEmail.windowSeconds);
  expect(answer.body.error.message).toContain(`${Math.ceil(retryAfter / 60)} minute`);
}

describe('brute force on the login route', () => {
  it('refuses wrong passwords with 401 up to the per-e-mail limit, then 429 with Retry-After, even for the right one', async () => {
    const { email } = await createTestEmployee({ withFile: false });
    for (let attempt = 1; attempt <= perEmail.max; attempt += 1) {
      expect((await logIn(email, `Wrong${attempt}2026`)).status).toBe(401);
    }
    expectTooMany(await logIn(email, 'Wrong62026'));
    expectTooMany(await logIn(email, rightPassword));

    // Another account, from the same address, is not concerned.
    const other = await createTestEmployee({ withFile: false });
    expect((await logIn(other.email, rightPassword)).status).toBe(200);
  });

  it('lets through no more than the limit of simultaneous wrong passwords', async () => {
    const { email } = await createTestEmployee({ withFile: false });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => logIn(email, `Wrong${i}2026`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(perEmail.max);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - perEmail.max);
    expect((await logIn(email, rightPassword)).status).toBe(429);
  });

  it('does not count successful logins: the same account logs in again and again', async () => {
    const { email } = await createTestEmployee({ withFile: false });
    for (let attempt = 0; attempt < perEmail.max + 2; attempt += 1) {
      expect((await logIn(email, rightPassword)).status).toBe(200);
    }
  });

  it('keeps its counters under hashed keys, with an expiry, and no e-mail nor address in clear', async () => {
    const { email } = await createTestEmployee({ withFile: false });
    expect((await logIn(email, 'Wrong2026')).status).toBe(401);
    const table = localTable();
    const { Items = [] } = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: 'begins_with(PK, :rate)',
        ExpressionAttributeValues: { ':rate': 'RATE#' },
      }),
    );
    expect(Items.length).toBeGreaterThan(0);
    const text = JSON.stringify(Items);
    expect(text).not.toContain(email);
    expect(text).not.toContain('127.0.0.1');
    for (const item of Items) {
      expect(item.PK).toMatch(/^RATE#[\w-]{43}$/);
      expect(typeof item.expiresAt).toBe('number');
    }
    // The counter the wrong password just wrote expires later; counters of past windows (other
    // files' too) wait for the table's TTL to remove them, which is never immediate.
    expect(Items.some((item) => item.expiresAt > Date.now() / 1000)).toBe(true);
  });
});

describe('the body cap through the gateway', () => {
  it('answers 413 with a French message to a body over 1 MB', async () => {
    const answer = await api('POST', '/auth/login', {
      rawBody: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Le corps de la requête dépasse la taille maximale de 1 Mo.' },
    });
  });
});

describe('limits on a path parameter', () => {
  it('answers 429 with Retry-After to the eligibility of one SIRET asked too often', async () => {
    const perSiret = getCompanyEligibility.limits.find((limit) => limit.by === 'params.siret')!;
    const siret = uniqueSiret();
    const statuses: number[] = [];
    for (let i = 0; i < perSiret.max; i += 1) statuses.push((await api('GET', `/companies/${siret}/eligibility`)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await api('GET', `/companies/${siret}/eligibility`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api('GET', `/companies/${uniqueSiret()}/eligibility`)).status).toBe(200);
  });
});

describe('limits on the other public routes', () => {
  it('refuses registrations of one e-mail beyond its limit with 429', async () => {
    const perEmailRegistrations = register.limits.find((limit) => limit.by === 'body.email')!;
    const body = registration();
    const statuses: number[] = [];
    for (let i = 0; i < perEmailRegistrations.max; i += 1) statuses.push((await api('POST', '/registrations', { body })).status);
    expect(statuses.every((status) => status === 202)).toBe(true);
    const refused = await api('POST', '/registrations', { body });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses a password link tried too often with 429, before looking it up', async () => {
    const perToken = setPassword.limits.find((limit) => limit.by === 'body.token')!;
    const body = { token: `unknown-${'x'.repeat(30)}`, password: 'Logement2026' };
    const statuses: number[] = [];
    for (let i = 0; i < perToken.max; i += 1) statuses.push((await api('POST', '/auth/password', { body })).status);
    expect(statuses.every((status) => status >= 400 && status < 429)).toBe(true);
    const refused = await api('POST', '/auth/password', { body });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
