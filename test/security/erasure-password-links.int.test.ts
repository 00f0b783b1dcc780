import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { hashToken, newPasswordLink, passwordLinkKey, passwordLinkToItem } from '#identity/password-link.ts';
import { pendingRegistrationKey } from '#identity/registration-store.ts';
import { api } from '../support/api.ts';
import { linkTokenFor, registration, subOf } from '../support/registration.ts';
import { localTable } from '../support/table.ts';

/**
 * `DELETE /me` leaves no unused password link of the person: a link renewed at registration
 * leaves the older one unused, with the address and the registration it would activate.
 */
describe('the erasure of an account', () => {
  it('strips the password links issued to its address and never used of it; such a link then answers 410', async () => {
    const body = registration({ firstName: 'Philémon', lastName: 'Lienoublié' });
    expect((await api('POST', '/registrations', { body })).status).toBe(202);
    const used = await linkTokenFor(body.email);

    // A second link of the same registration, as a renewal issues it, never used.
    const table = localTable();
    const pending = await table.get(pendingRegistrationKey(body.email));
    expect(pending?.registrationId).toBeTruthy();
    const unused = newPasswordLink({ email: String(pending!.email), registrationId: String(pending!.registrationId) }, new Date(), 24);
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: passwordLinkToItem(unused.link) }));

    const password = 'Logement2026';
    expect((await api('POST', '/auth/password', { body: { token: used, password } })).status).toBe(200);
    const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email: body.email, password } });
    expect(login.status).toBe(200);
    expect(subOf(login.body.idToken)).toBeTruthy();
    // Before the erasure, the unused link names him.
    expect((await table.get(passwordLinkKey(hashToken(unused.token))))?.email).toBe(body.email);

    expect((await api('DELETE', '/me', { token: login.body.idToken })).status).toBe(200);
    const stripped = await table.get(passwordLinkKey(hashToken(unused.token)));
    expect(JSON.stringify(stripped)).not.toContain(body.email);
    expect(stripped).not.toHaveProperty('GSI1PK');
    // The used link was already stripped of the address; it stays until its expiry.
    const usedItem = await table.get(passwordLinkKey(hashToken(used)));
    expect(JSON.stringify(usedItem ?? {})).not.toContain(body.email);
    // The unused link is no longer a way in: its registration is gone.
    const late = await api('POST', '/auth/password', { body: { token: unused.token, password } });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('REGISTRATION_GONE');
  });
});
