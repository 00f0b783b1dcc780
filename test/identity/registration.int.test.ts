import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { hashToken, passwordLinkKey } from '#identity/password-link.ts';
import { pendingRegistrationKey } from '#identity/registration-store.ts';
import { registrationRules } from '#shared/business-rules.ts';
import { localCognitoClientConfig } from '#local/cognito.ts';
import { api, cloud, eventually, tokenOf } from '../support/api.ts';
import { linkTokenFor, mailsTo, registeredEmployee, registration, subOf, unique } from '../support/registration.ts';
import { localTable } from '../support/table.ts';

const env = cloud().environment;
const cognito = new CognitoIdentityProviderClient(localCognitoClientConfig(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER!));
afterAll(() => cognito.destroy());

/** True when the local Cognito has an account named `username` (e-mail or sub). */
async function accountExists(username: string) {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: env.USER_POOL_ID!, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
}

/** Makes the pending registration's last link look `minutes` old, so that a repeat may e-mail a new one. */
async function ageLastLink(email: string, minutes = registrationRules.passwordLinkResendAfterMinutes + 1) {
  const table = localTable();
  const old = new Date(Date.now() - minutes * 60_000).toISOString();
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: pendingRegistrationKey(email),
      UpdateExpression: 'SET linkIssuedAt = :old',
      ExpressionAttributeValues: { ':old': old },
    }),
  );
  return old;
}

/** The e-mails to `address`, once `count` have arrived. */
const mailCount = (address: string, count: number) =>
  eventually(`${count} e-mail(s) to the address`, async () => {
    const found = await mailsTo(address);
    return found.length === count ? found : undefined;
  });

const tokensIn = (mails: { body: { text?: string } }[]) => mails.map((mail) => /jeton=([\w-]+)/.exec(mail.body.text ?? '')?.[1]);

describe('registration → e-mail link → password → login', () => {
  it('keeps the registration pending, creates the account only when the e-mailed link is used, and the employee can then log in', async () => {
    const body = registration({ email: `Camille.${unique()}@Example.org` });
    const email = body.email.toLowerCase();
    const registered = await api('POST', '/registrations', { body });
    expect(registered.status).toBe(202);
    expect(registered.body).toEqual({ message: expect.stringContaining('e-mail') });

    // Nothing exists for an address that has not proved it is reachable: no account, no file.
    expect(await accountExists(email)).toBe(false);
    expect(await localTable().get(pendingRegistrationKey(email))).toMatchObject({ email, nud: body.nud, phone: '+33612345678' });

    const token = await linkTokenFor(email);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toContain('choisissez votre mot de passe');

    const weak = await api('POST', '/auth/password', { body: { token, password: 'abcdefgh' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0]).toMatchObject({ field: 'body.password' });
    expect(weak.body.error.fields[0].message).toContain('au moins un chiffre');

    const chosen = await api('POST', '/auth/password', { body: { token, password: 'Logement2026' } });
    expect(chosen.status).toBe(200);
    expect(await accountExists(email)).toBe(true);

    const login = await api('POST', '/auth/login', { body: { email, password: 'Logement2026' } });
    expect(login.status).toBe(200);
    const claims = JSON.parse(Buffer.from(login.body.idToken.split('.')[1], 'base64url').toString());
    expect(claims['cognito:groups']).toEqual(['employee']);
    expect(await localTable().get(employeeKey(claims.sub))).toMatchObject({
      email,
      phone: '+33612345678',
      account: 'ACTIVE',
      employment: { status: 'PENDING' },
      consent: { textVersion: '2026-01', acceptedAt: expect.any(String) },
    });
    expect(await localTable().get(pendingRegistrationKey(email))).toBeUndefined();

    const reused = await api('POST', '/auth/password', { body: { token, password: 'Autre2026pass' } });
    expect(reused.status).toBe(409);
  });

  it('answers the same registration sent again, even concurrently, the same way, and sends one e-mail', async () => {
    const body = registration();
    const answers = await Promise.all(Array.from({ length: 5 }, () => api('POST', '/registrations', { body })));
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers.map((a) => a.body)),
    ).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const again = await api('POST', '/registrations', { body });
    expect(again.body).toEqual(answers[0]!.body);
    await linkTokenFor(body.email);
    expect(await mailsTo(body.email)).toHaveLength(1);
  });

  it('lets only one of two concurrent uses of a link set the password, and that password works', async () => {
    const body = registration();
    expect((await api('POST', '/registrations', { body })).status).toBe(202);
    const token = await linkTokenFor(body.email);
    const passwords = ['Premier2026', 'Second2026'];
    const answers = await Promise.all(passwords.map((password) => api('POST', '/auth/password', { body: { token, password } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = passwords[answers.findIndex((a) => a.status === 200)]!;
    const loser = passwords[answers.findIndex((a) => a.status === 409)]!;
    expect((await api('POST', '/auth/login', { body: { email: body.email, password: winner } })).status).toBe(200);
    expect((await api('POST', '/auth/login', { body: { email: body.email, password: loser } })).status).toBe(401);
  });

  it('makes one account when two links of one registration are used at once', async () => {
    const body = registration();
    await api('POST', '/registrations', { body });
    await linkTokenFor(body.email);
    await ageLastLink(body.email);
    await api('POST', '/registrations', { body });
    const tokens = tokensIn(await mailCount(body.email, 2));
    const answers = await Promise.all(tokens.map((token) => api('POST', '/auth/password', { body: { token, password: 'Logement2026' } })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const login = await api('POST', '/auth/login', { body: { email: body.email, password: 'Logement2026' } });
    expect(await localTable().get(employeeKey(subOf(login.body.idToken)))).toMatchObject({ nud: body.nud });
  });

  it('e-mails a new link when the same registration comes back after the resend delay, and warns once the account exists', async () => {
    const body = registration();
    const first = await api('POST', '/registrations', { body });
    await linkTokenFor(body.email);
    await ageLastLink(body.email);
    const repeat = await api('POST', '/registrations', { body });
    expect(repeat.status).toBe(202);
    const mails = await mailCount(body.email, 2);
    const tokens = tokensIn(mails);
    expect(new Set(tokens).size).toBe(2);
    expect((await api('POST', '/auth/password', { body: { token: tokens[1], password: 'Logement2026' } })).status).toBe(200);

    const afterActivation = await api('POST', '/registrations', { body });
    expect(afterActivation.status).toBe(202);
    expect(afterActivation.body).toEqual(first.body);
    const [, , warning] = await mailCount(body.email, 3);
    expect(warning!.subject).toContain('Tentative d’inscription');
    expect(warning!.body.text).toContain('/mot-de-passe-oublie');
  });

  it('refuses a link that has expired with 410', async () => {
    const body = registration();
    expect((await api('POST', '/registrations', { body })).status).toBe(202);
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

describe('a link whose account is gone', () => {
  it('answers 410, not 500, to a still-valid link of a registration whose account was erased', async () => {
    const body = registration();
    await api('POST', '/registrations', { body });
    await linkTokenFor(body.email);
    await ageLastLink(body.email);
    await api('POST', '/registrations', { body });
    const [firstToken, secondToken] = tokensIn(await mailCount(body.email, 2));
    expect((await api('POST', '/auth/password', { body: { token: secondToken, password: 'Logement2026' } })).status).toBe(200);
    const login = await api('POST', '/auth/login', { body: { email: body.email, password: 'Logement2026' } });
    expect((await api('DELETE', '/me', { token: login.body.idToken })).status).toBe(200);

    const late = await api('POST', '/auth/password', { body: { token: firstToken, password: 'Logement2026' } });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'REGISTRATION_GONE', message: expect.stringContaining('inscri') });
    expect(await accountExists(body.email)).toBe(false);
  });

  it('answers 410, not 500, to an invitation link whose account was deleted', async () => {
    const email = `rh.${unique()}@example.org`;
    const invited = await api('POST', '/companies/43219876500013/hr-users', { token: await tokenOf('operator'), body: { email } });
    expect(invited.status).toBe(201);
    const token = await linkTokenFor(email);
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: env.USER_POOL_ID!, Username: email }));
    const late = await api('POST', '/auth/password', { body: { token, password: 'Logement2026' } });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'ACCOUNT_GONE', message: expect.stringContaining('n’existe plus') });
  });
});

describe('registration answers that tell nothing', () => {
  it('answers a known e-mail, whatever its case, as a new one, creates nothing, and warns its owner', async () => {
    const owner = await registeredEmployee();
    const fresh = await api('POST', '/registrations', { body: registration() });
    const again = await api('POST', '/registrations', { body: registration({ email: owner.email.toUpperCase() }) });
    expect(again.status).toBe(fresh.status);
    expect(again.body).toEqual(fresh.body);
    expect(again.body).not.toHaveProperty('employeeId');
    const [, warning] = await mailCount(owner.email, 2);
    expect(warning!.subject).toContain('Tentative d’inscription');
    expect(warning!.body.text).toMatch(/https?:\/\/\S+\/mot-de-passe-oublie/);
    expect(await localTable().get(pendingRegistrationKey(owner.email))).toBeUndefined();
  });

  it('treats the address of an HR contact as known: warned, and the account left as it was', async () => {
    const email = `rh.${unique()}@example.org`;
    expect((await api('POST', '/companies/43219876500013/hr-users', { token: await tokenOf('operator'), body: { email } })).status).toBe(
      201,
    );
    const fresh = await api('POST', '/registrations', { body: registration() });
    const probe = await api('POST', '/registrations', { body: registration({ email }) });
    expect(probe.body).toEqual(fresh.body);
    const [, warning] = await mailCount(email, 2);
    expect(warning!.subject).toContain('Tentative d’inscription');
    expect(await localTable().get(pendingRegistrationKey(email))).toBeUndefined();
    const { UserAttributes = [] } = await cognito.send(new AdminGetUserCommand({ UserPoolId: env.USER_POOL_ID!, Username: email }));
    const attributes = Object.fromEntries(UserAttributes.map((attribute) => [attribute.Name, attribute.Value]));
    expect(attributes).toMatchObject({ 'custom:siret': '43219876500013' });
    expect(attributes).not.toHaveProperty('custom:registrationId');
  });

  it('answers a NUD bound to another account as a new one, creates nothing, and warns the NUD’s owner only', async () => {
    const owner = await registeredEmployee();
    const fresh = await api('POST', '/registrations', { body: registration() });
    const probe = registration({ nud: owner.nud });
    const second = await api('POST', '/registrations', { body: probe });
    expect(second.status).toBe(fresh.status);
    expect(second.body).toEqual(fresh.body);
    const [, warning] = await mailCount(owner.email, 2);
    expect(warning!.subject).toContain('numéro de demande de logement');
    expect(warning!.body.text).not.toContain(probe.email);
    expect(await mailsTo(probe.email)).toEqual([]);
    expect(await accountExists(probe.email)).toBe(false);
    expect(await localTable().get(pendingRegistrationKey(probe.email))).toBeUndefined();
    expect(await localTable().get(employeeKey(owner.employeeId))).toMatchObject({ nud: owner.nud, email: owner.email });
  });

  it('lets the first of two pending registrations of one NUD win, refuses the other without naming anyone, and warns the winner', async () => {
    const first = registration();
    const second = registration({ nud: first.nud });
    const answers = [await api('POST', '/registrations', { body: first }), await api('POST', '/registrations', { body: second })];
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    const [firstToken, secondToken] = [await linkTokenFor(first.email), await linkTokenFor(second.email)];
    expect((await api('POST', '/auth/password', { body: { token: firstToken, password: 'Logement2026' } })).status).toBe(200);

    const refused = await api('POST', '/auth/password', { body: { token: secondToken, password: 'Logement2026' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REGISTRATION_REFUSED');
    expect(JSON.stringify(refused.body)).not.toContain(first.email);
    expect(await accountExists(second.email)).toBe(false);
    expect(await localTable().get(pendingRegistrationKey(second.email))).toBeUndefined();
    const [, warning] = await mailCount(first.email, 2);
    expect(warning!.subject).toContain('numéro de demande de logement');
  });

  it(`e-mails one address at most ${registrationRules.emailsPerAddressPerDay} times a day, and answers the same beyond`, async () => {
    const body = registration();
    const first = await api('POST', '/registrations', { body });
    for (let sent = 1; sent < registrationRules.emailsPerAddressPerDay; sent += 1) {
      await mailCount(body.email, sent);
      await ageLastLink(body.email);
      await api('POST', '/registrations', { body });
    }
    await mailCount(body.email, registrationRules.emailsPerAddressPerDay);
    const aged = await ageLastLink(body.email);
    const beyond = await api('POST', '/registrations', { body });
    expect(beyond.status).toBe(202);
    expect(beyond.body).toEqual(first.body);
    // Nothing was written: the pending registration still shows the last link's date, and no e-mail is queued.
    expect(await localTable().get(pendingRegistrationKey(body.email))).toMatchObject({ linkIssuedAt: aged });
    expect(await mailsTo(body.email)).toHaveLength(registrationRules.emailsPerAddressPerDay);
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
