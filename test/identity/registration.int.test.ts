import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { hashToken, passwordLinkKey } from '#identity/password-link.ts';
import { api, eventually } from '../support/api.ts';
import { linkTokenFor, mailsTo, registration, unique } from '../support/registration.ts';
import { localTable } from '../support/table.ts';

describe('registration → e-mail link → password → login', () => {
  it('creates the account, e-mails a link to choose the password, and the employee can then log in', async () => {
    const body = registration({ email: `Camille.${unique()}@Example.org` });
    const email = body.email.toLowerCase();
    const registered = await api('POST', '/registrations', { body });
    expect(registered.status).toBe(201);
    expect(registered.body.message).toContain('e-mail');

    const stored = await localTable().get(employeeKey(registered.body.employeeId));
    expect(stored).toMatchObject({
      email,
      phone: '+33612345678',
      account: 'PENDING_PASSWORD',
      employment: { status: 'PENDING' },
      consent: { textVersion: '2026-01', acceptedAt: expect.any(String) },
    });

    const token = await linkTokenFor(email);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toContain('choisissez votre mot de passe');

    const weak = await api('POST', '/auth/password', { body: { token, password: 'abcdefgh' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0]).toMatchObject({ field: 'body.password' });
    expect(weak.body.error.fields[0].message).toContain('au moins un chiffre');

    const chosen = await api('POST', '/auth/password', { body: { token, password: 'Logement2026' } });
    expect(chosen.status).toBe(200);
    expect(await localTable().get(employeeKey(registered.body.employeeId))).toMatchObject({ account: 'ACTIVE' });

    const login = await api('POST', '/auth/login', { body: { email, password: 'Logement2026' } });
    expect(login.status).toBe(200);
    const claims = JSON.parse(Buffer.from(login.body.idToken.split('.')[1], 'base64url').toString());
    expect(claims.sub).toBe(registered.body.employeeId);
    expect(claims['cognito:groups']).toEqual(['employee']);

    const reused = await api('POST', '/auth/password', { body: { token, password: 'Autre2026pass' } });
    expect(reused.status).toBe(409);
  });

  it('answers the same account when the same registration is sent again, even concurrently, and sends one e-mail', async () => {
    const body = registration();
    const answers = await Promise.all(Array.from({ length: 5 }, () => api('POST', '/registrations', { body })));
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers.map((a) => a.body)),
    ).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.employeeId)).size).toBe(1);
    const again = await api('POST', '/registrations', { body });
    expect(again.body.employeeId).toBe(answers[0]!.body.employeeId);
    await linkTokenFor(body.email);
    expect(await mailsTo(body.email)).toHaveLength(1);
  });

  it('lets only one of two concurrent uses of a link set the password, and that password works', async () => {
    const body = registration();
    expect((await api('POST', '/registrations', { body })).status).toBe(201);
    const token = await linkTokenFor(body.email);
    const passwords = ['Premier2026', 'Second2026'];
    const answers = await Promise.all(passwords.map((password) => api('POST', '/auth/password', { body: { token, password } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = passwords[answers.findIndex((a) => a.status === 200)]!;
    const loser = passwords[answers.findIndex((a) => a.status === 409)]!;
    expect((await api('POST', '/auth/login', { body: { email: body.email, password: winner } })).status).toBe(200);
    expect((await api('POST', '/auth/login', { body: { email: body.email, password: loser } })).status).toBe(401);
  });

  it('e-mails a new link when the same registration comes back after the resend delay, and says so once active', async () => {
    const body = registration();
    const first = await api('POST', '/registrations', { body });
    await linkTokenFor(body.email);
    const table = localTable();
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: employeeKey(first.body.employeeId),
        UpdateExpression: 'SET passwordLinkIssuedAt = :old',
        ExpressionAttributeValues: { ':old': new Date(Date.now() - 11 * 60_000).toISOString() },
      }),
    );
    const repeat = await api('POST', '/registrations', { body });
    expect(repeat.status).toBe(201);
    const mails = await eventually('the second link', async () => {
      const found = await mailsTo(body.email);
      return found.length === 2 ? found : undefined;
    });
    const tokens = mails.map((mail) => /jeton=([\w-]+)/.exec(mail.body.text ?? '')?.[1]);
    expect(new Set(tokens).size).toBe(2);
    expect((await api('POST', '/auth/password', { body: { token: tokens[1], password: 'Logement2026' } })).status).toBe(200);
    const afterActivation = await api('POST', '/registrations', { body });
    expect(afterActivation.body.message).toContain('existe déjà');
    expect(await mailsTo(body.email)).toHaveLength(2);
  });

  it('refuses a link that has expired with 410', async () => {
    const body = registration();
    expect((await api('POST', '/registrations', { body })).status).toBe(201);
    const token = await linkTokenFor(body.email);
    const table = localTable();
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: passwordLinkKey(hashToken(token)),
        UpdateExpression: 'SET validUntil = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const expired = await api('POST', '/auth/password', { body: { token, password: 'Logement2026' } });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('LINK_EXPIRED');
  });

  it('refuses an unknown link token with a field message', async () => {
    const response = await api('POST', '/auth/password', { body: { token: 'x'.repeat(43), password: 'Logement2026' } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ field: 'body.token', message: 'Ce lien n’est pas valide.' }]);
  });
});

describe('registration rejections', () => {
  it('refuses an e-mail already registered, whatever its case, with 409', async () => {
    const first = registration();
    expect((await api('POST', '/registrations', { body: first })).status).toBe(201);
    const again = await api('POST', '/registrations', { body: registration({ email: first.email.toUpperCase() }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('refuses a NUD already registered with 409, and keeps the first account', async () => {
    const first = registration();
    const created = await api('POST', '/registrations', { body: first });
    const second = await api('POST', '/registrations', { body: registration({ nud: first.nud }) });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('NUD_TAKEN');
    expect(await localTable().get(employeeKey(created.body.employeeId))).toMatchObject({ nud: first.nud });
  });

  it('refuses the employees of an ineligible company, and of an undeclared one, on the siret field', async () => {
    const ineligible = await api('POST', '/registrations', { body: registration({ siret: '51234567800019' }) });
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.error).toMatchObject({ code: 'COMPANY_NOT_ELIGIBLE', fields: [{ field: 'body.siret' }] });
    const unknown = await api('POST', '/registrations', { body: registration({ siret: '73282932000074' }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('COMPANY_UNKNOWN');
  });

  it('requires the consent box to be ticked', async () => {
    for (const consent of [false, undefined]) {
      const response = await api('POST', '/registrations', { body: registration({ consent }) });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([
        { field: 'body.consent', message: 'Le consentement au traitement des données personnelles est obligatoire.' },
      ]);
    }
  });

  it('refuses names that are not names (they are copied into e-mails)', async () => {
    const response = await api('POST', '/registrations', {
      body: registration({ firstName: 'Camille\n\nATTENTION : appelez le 0899', lastName: 'O’Brien-Dupont' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([
      { field: 'body.firstName', message: 'Lettres, espaces, tirets et apostrophes uniquement.' },
    ]);
  });

  it('gives one message per bad field: phone, NUD characters, NUD length, e-mail', async () => {
    const response = await api('POST', '/registrations', {
      body: registration({ phone: '12', nud: 'ABC', email: 'not-an-email' }),
    });
    expect(response.status).toBe(400);
    const fields = Object.fromEntries(response.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(Object.keys(fields).sort()).toEqual(['body.email', 'body.nud', 'body.phone']);
    expect(fields['body.nud']).toContain('entre 10 et 20 caractères');
    const badCharacters = await api('POST', '/registrations', { body: registration({ nud: '075122600001234@' }) });
    expect(badCharacters.body.error.fields[0].message).toContain('chiffres et des lettres');
  });
});
