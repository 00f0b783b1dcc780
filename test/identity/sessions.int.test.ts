import { describe, expect, it } from 'vitest';
import { registrationRules } from '#shared/business-rules.ts';
import { api, eventually } from '../support/api.ts';
import { mailsTo, registeredEmployee, registration, unique } from '../support/registration.ts';

/** The e-mails to `address`, once `count` have arrived. */
const mailCount = (address: string, count: number) =>
  eventually(`${count} e-mail(s) to the address`, async () => {
    const found = await mailsTo(address);
    return found.length === count ? found : undefined;
  });

const linkOf = (mail: { body: { text?: string } } | undefined) => /(\S*\/mot-de-passe\?jeton=)([\w-]+)/.exec(mail?.body.text ?? '');

/** The refresh cookie set by a response, as the browser would send it back (`name=value`). */
const refreshCookieOf = (response: { headers: Headers }) =>
  response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('alin_refresh='))
    ?.split(';')[0];

describe('lost password', () => {
  it('e-mails a single-use link to the set-password page, which sets a new password for the account', async () => {
    const employee = await registeredEmployee();
    await mailCount(employee.email, 1);
    const asked = await api('POST', '/auth/password-reset', { body: { email: employee.email.toUpperCase() } });
    expect(asked.status).toBe(202);
    const [, reset] = await mailCount(employee.email, 2);
    expect(reset!.subject).toBe('Choisissez un nouveau mot de passe');
    const link = linkOf(reset);
    expect(link?.[1]).toMatch(/^http.*\/mot-de-passe\?jeton=$/);
    const token = link![2]!;

    const newPassword = 'Nouveau2026x';
    expect((await api('POST', '/auth/password', { body: { token, password: newPassword } })).status).toBe(200);
    expect((await api('POST', '/auth/login', { body: { email: employee.email, password: employee.password } })).status).toBe(401);
    expect((await api('POST', '/auth/login', { body: { email: employee.email, password: newPassword } })).status).toBe(200);
    // Single use: the same link again is refused.
    const again = await api('POST', '/auth/password', { body: { token, password: 'Encore2026xy' } });
    expect(again.status).toBe(409);
  });

  it('answers an unknown address exactly as a known one, and tells that mailbox no account exists', async () => {
    const employee = await registeredEmployee();
    const unknown = `personne.${unique()}@example.org`;
    const known = await api('POST', '/auth/password-reset', { body: { email: employee.email } });
    const stranger = await api('POST', '/auth/password-reset', { body: { email: unknown } });
    expect(stranger.status).toBe(known.status);
    expect(stranger.body).toEqual(known.body);
    const [mail] = await mailCount(unknown, 1);
    expect(mail!.subject).toContain('aucun compte');
    expect(linkOf(mail)).toBeNull();
    expect(mail!.body.text).toMatch(/\/inscription\b/);
  });

  it(`counts resets and registration e-mails in one daily quota of ${registrationRules.emailsPerAddressPerDay} per address`, async () => {
    const body = registration();
    await api('POST', '/registrations', { body });
    await mailCount(body.email, 1);
    for (let sent = 1; sent < registrationRules.emailsPerAddressPerDay; sent += 1) {
      await api('POST', '/auth/password-reset', { body: { email: body.email } });
      await mailCount(body.email, sent + 1);
    }
    const beyond = await api('POST', '/auth/password-reset', { body: { email: body.email } });
    expect(beyond.status).toBe(202);
    // An e-mail to another address, queued after: once it has arrived, one beyond the quota would have too.
    const third = await api('POST', '/auth/password-reset', { body: { email: `x${body.email}` } });
    await mailCount(`x${body.email}`, 1);
    expect(third.status).toBe(202);
    expect(await mailsTo(body.email)).toHaveLength(registrationRules.emailsPerAddressPerDay);
  });

  it('the « mot de passe oublié » link of a registration warning opens the form whose route sends the reset link', async () => {
    const employee = await registeredEmployee();
    await api('POST', '/registrations', { body: registration({ email: employee.email }) });
    const [, warning] = await mailCount(employee.email, 2);
    expect(warning!.body.text).toMatch(/\/mot-de-passe-oublie\b/);
    // The form posts the address: the account gets a working link.
    expect((await api('POST', '/auth/password-reset', { body: { email: employee.email } })).status).toBe(202);
    const [, , reset] = await mailCount(employee.email, 3);
    expect(linkOf(reset)).not.toBeNull();
  });

  it('refuses a malformed address with a French field message', async () => {
    const refused = await api('POST', '/auth/password-reset', { body: { email: 'pas-une-adresse' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ field: 'body.email', message: 'Adresse e-mail invalide.' }]);
  });
});

describe('sessions: refresh and logout', () => {
  it('sets the refresh token at login as an HttpOnly, Secure, SameSite=Strict cookie on /auth', async () => {
    const employee = await registeredEmployee();
    const login = await api('POST', '/auth/login', { body: { email: employee.email, password: employee.password } });
    const cookie = login.headers.getSetCookie().find((value) => value.startsWith('alin_refresh='));
    expect(cookie).toBeDefined();
    expect(cookie!.split(';').map((part) => part.trim())).toEqual(
      expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth']),
    );
    expect(cookie).toContain(login.body.refreshToken);
  });

  it('gives new tokens from the refresh token in the body, and from the cookie alone', async () => {
    const employee = await registeredEmployee();
    const login = await api('POST', '/auth/login', { body: { email: employee.email, password: employee.password } });
    const fromBody = await api('POST', '/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(fromBody.status).toBe(200);
    expect(fromBody.body).toEqual({ idToken: expect.any(String), accessToken: expect.any(String), expiresIn: expect.any(Number) });
    // The new ID token opens the API as the same person.
    expect((await api('GET', '/me/applications', { token: fromBody.body.idToken })).status).toBe(200);

    const fromCookie = await api('POST', '/auth/refresh', { body: {}, headers: { cookie: `theme=dark; ${refreshCookieOf(login)}` } });
    expect(fromCookie.status).toBe(200);
    expect(fromCookie.body.idToken).toEqual(expect.any(String));
  });

  it('revokes the refresh token at logout and clears the cookie: refreshing then asks to log in again', async () => {
    const employee = await registeredEmployee();
    const login = await api('POST', '/auth/login', { body: { email: employee.email, password: employee.password } });
    const cookie = refreshCookieOf(login)!;
    const out = await api('POST', '/auth/logout', { body: {}, headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/^alin_refresh=;.*Max-Age=0/)]);

    const afterByCookie = await api('POST', '/auth/refresh', { body: {}, headers: { cookie } });
    expect(afterByCookie.status).toBe(401);
    expect(afterByCookie.body.error.message).toContain('reconnectez-vous');
    const afterByBody = await api('POST', '/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(afterByBody.status).toBe(401);
    // Logging out twice is not an error: the session is over either way.
    expect((await api('POST', '/auth/logout', { body: { refreshToken: login.body.refreshToken } })).status).toBe(200);
  });

  it('answers 401, never 500, without a refresh token or with a forged one', async () => {
    expect((await api('POST', '/auth/refresh', { body: {} })).status).toBe(401);
    expect((await api('POST', '/auth/refresh', { body: { refreshToken: 'forged.token.value' } })).status).toBe(401);
  });
});
