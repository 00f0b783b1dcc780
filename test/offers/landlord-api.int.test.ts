import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { importOfferStore } from '#imports/import-offers.ts';
import { landlordUserKey } from '#landlords/landlord-store.ts';
import { offerKey, publishedOffersPartition } from '#offers/offer-store.ts';
import { api, tokenOf } from '../support/api.ts';
import { linkTokenFor, mailsTo, unique } from '../support/registration.ts';
import { tilleulsOffer } from '../support/offers.ts';
import { localTable } from '../support/table.ts';

const password = 'Bailleur2026';
const acme = '43219876500013';
const claimsOf = (idToken: string) => JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8'));
const fieldsOf = (body: { error: { fields?: { field: string }[] } }) => (body.error.fields ?? []).map((f) => f.field).sort();

async function createLandlord(name = 'Habitat Test') {
  const response = await api('POST', '/landlords', { token: await tokenOf('operator'), body: { name } });
  if (response.status !== 201) throw new Error(`landlord creation failed: ${response.status}`);
  return response.body.landlordId as string;
}

const invite = async (landlordId: string, email: string, role: 'landlord' | 'commission') =>
  api('POST', `/landlords/${landlordId}/users`, { token: await tokenOf('operator'), body: { email, role } });

/** An invited user who chose a password through the e-mailed link and logged in. */
async function invitedUser(landlordId: string, role: 'landlord' | 'commission') {
  const email = `${role}.${unique()}@example.org`;
  const invited = await invite(landlordId, email, role);
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status}`);
  const chosen = await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } });
  if (chosen.status !== 200) throw new Error(`password failed: ${chosen.status}`);
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { email, token: login.body.idToken };
}

const completeOffer = (externalReference = `REF-${unique()}`) => ({ ...tilleulsOffer(externalReference), reservedForSirets: [acme] });

async function publishedInDepartment(department: string) {
  const table = localTable();
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :now',
      ExpressionAttributeValues: { ':pk': publishedOffersPartition(department), ':now': new Date().toISOString() },
    }),
  );
  return Items.map((item) => item.offerId as string);
}

describe('landlord organisations and their users', () => {
  it('lets an operator create a landlord and invite a landlord user, who gets a French e-mail, chooses a password and logs in bound to it', async () => {
    const created = await api('POST', '/landlords', {
      token: await tokenOf('operator'),
      body: { name: 'Habitat Hauts-de-Seine', siren: '344 810 825' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Habitat Hauts-de-Seine', siren: '344810825' });
    expect(created.body.landlordId).toMatch(/^[0-9a-f-]{36}$/);
    const { landlordId } = created.body;

    const email = `gestion.${unique()}@example.org`;
    const invited = await invite(landlordId, email.toUpperCase(), 'landlord');
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ landlordId, email, role: 'landlord', emailSent: true });
    const token = await linkTokenFor(email);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toContain('bailleur');
    expect(mail!.body.text).toContain('Habitat Hauts-de-Seine');
    expect(mail!.body.text).toContain('gestionnaire des offres');

    expect((await api('POST', '/auth/password', { body: { token, password } })).status).toBe(200);
    const login = await api('POST', '/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    const claims = claimsOf(login.body.idToken);
    expect(claims['cognito:groups']).toEqual(['landlord']);
    expect(claims['custom:landlordId']).toBe(landlordId);
    expect((await api('GET', '/landlord/offers', { token: login.body.idToken })).status).toBe(200);
  });

  it('invites a commission member into the commission group, and answers the same invitation when it is sent again', async () => {
    const landlordId = await createLandlord();
    const email = `commission.${unique()}@example.org`;
    const answers = await Promise.all([invite(landlordId, email, 'commission'), invite(landlordId, email, 'commission')]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers.filter((answer) => answer.body.emailSent)).toHaveLength(1);
    expect(await localTable().get(landlordUserKey(email))).toMatchObject({ landlordId, role: 'commission' });

    await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } });
    const login = await api('POST', '/auth/login', { body: { email, password } });
    expect(claimsOf(login.body.idToken)).toMatchObject({ 'cognito:groups': ['commission'], 'custom:landlordId': landlordId });
  });

  it('refuses (409) an e-mail of another kind of account, of another landlord, or of the other landlord role', async () => {
    const landlordId = await createLandlord();
    const other = await createLandlord();
    const taken = `gestion.${unique()}@example.org`;
    expect((await invite(other, taken, 'landlord')).status).toBe(201);
    for (const [email, role] of [
      ['operateur@demo.alin.local', 'landlord'],
      ['camille.martin@demo.alin.local', 'commission'],
      ['rh@acme.demo.alin.local', 'landlord'],
      [taken, 'landlord'],
    ] as const) {
      const response = await invite(landlordId, email, role);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('ACCOUNT_EXISTS');
    }
    expect((await invite(other, taken, 'commission')).status).toBe(409);
  });

  it('answers 404 for an unknown landlord and 400 for bad fields, and is reserved to operators', async () => {
    expect((await invite('00000000-0000-4000-8000-000000000000', `x.${unique()}@example.org`, 'landlord')).status).toBe(404);
    const bad = await api('POST', '/landlords', { token: await tokenOf('operator'), body: { name: '', siren: '123456789' } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['body.name', 'body.siren']);
    const badRole = await api('POST', `/landlords/${await createLandlord()}/users`, {
      token: await tokenOf('operator'),
      body: { email: `x.${unique()}@example.org`, role: 'operator' },
    });
    expect(fieldsOf(badRole.body)).toEqual(['body.role']);
    expect((await api('POST', '/landlords', { body: { name: 'X' } })).status).toBe(401);
    for (const role of ['company', 'employee']) {
      expect((await api('POST', '/landlords', { token: await tokenOf(role), body: { name: 'X' } })).status).toBe(403);
    }
  });
});

describe('a landlord’s offers', () => {
  let landlordA: string;
  let a: { token: string };
  let commissionA: { token: string };
  let b: { token: string };

  beforeAll(async () => {
    landlordA = await createLandlord('Bailleur A');
    [a, commissionA, b] = await Promise.all([
      invitedUser(landlordA, 'landlord'),
      invitedUser(landlordA, 'commission'),
      createLandlord('Bailleur B').then((id) => invitedUser(id, 'landlord')),
    ]);
  });

  it('goes from draft to publication: field messages, edits, missing fields, a 7-day window, no edit afterwards', async () => {
    const reference = `REF-${unique()}`;
    const invalid = await api('POST', '/landlord/offers', {
      token: a.token,
      body: { externalReference: reference, commune: '99999', typology: 'T9', energyClass: 'H', reservedForSirets: ['12345678901234'] },
    });
    expect(invalid.status).toBe(400);
    expect(fieldsOf(invalid.body)).toEqual(['body.energyClass', 'body.reservedForSirets.0', 'body.typology']);
    const unknownCommune = await api('POST', '/landlord/offers', {
      token: a.token,
      body: { externalReference: reference, commune: '99999' },
    });
    expect(unknownCommune.body.error.fields).toEqual([{ field: 'body.commune', message: expect.stringContaining('liste officielle') }]);
    const mismatch = await api('POST', '/landlord/offers', {
      token: a.token,
      body: { externalReference: reference, typology: 'T2', rooms: 3, rentEuros: 500, chargesEuros: 50, rentWithChargesEuros: 600 },
    });
    expect(fieldsOf(mismatch.body)).toEqual(['body.rentWithChargesEuros', 'body.rooms']);

    const draft = await api('POST', '/landlord/offers', {
      token: a.token,
      body: { externalReference: reference, commune: '75108', typology: 'T2', rentEuros: 500, chargesEuros: 80.25 },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      landlordId: landlordA,
      status: 'DRAFT',
      commune: '75056',
      department: '75',
      rentWithChargesEuros: 580.25,
      applicantCount: 0,
    });
    const { offerId } = draft.body;

    const incomplete = await api('POST', `/landlord/offers/${offerId}/publish`, { token: a.token });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.code).toBe('OFFER_INCOMPLETE');
    expect(fieldsOf(incomplete.body)).toEqual(
      [
        'accessibility',
        'address',
        'availableFrom',
        'bedrooms',
        'depositEuros',
        'elevator',
        'energyClass',
        'financing',
        'floor',
        'kind',
        'postalCode',
        'rooms',
        'surfaceM2',
      ].map((f) => `body.${f}`),
    );

    const { externalReference: _ref, ...rest } = completeOffer();
    const patched = await api('PATCH', `/landlord/offers/${offerId}`, { token: a.token, body: { ...rest, reservedForSirets: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      status: 'DRAFT',
      commune: '92012',
      communeName: 'Boulogne-Billancourt',
      department: '92',
      rentWithChargesEuros: 730.5,
    });
    expect(patched.body.reservedForSirets).toBeUndefined();
    expect(await publishedInDepartment('92')).not.toContain(offerId);

    const before = Date.now();
    const publication = await api('POST', `/landlord/offers/${offerId}/publish`, { token: a.token });
    expect(publication.status).toBe(200);
    expect(publication.body.status).toBe('PUBLISHED');
    const publishedAt = Date.parse(publication.body.publishedAt);
    expect(publishedAt).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(publication.body.closesAt) - publishedAt).toBe(7 * 86_400_000);
    expect(await publishedInDepartment('92')).toContain(offerId);
    expect(await localTable().get(offerKey(offerId))).toMatchObject({
      GSI1PK: 'DEPT#92#PUBLISHED',
      GSI1SK: `${publication.body.closesAt}#${offerId}`,
      applicantCount: 0,
    });

    const again = await api('POST', `/landlord/offers/${offerId}/publish`, { token: a.token });
    expect(again.status).toBe(200);
    expect(again.body.publishedAt).toBe(publication.body.publishedAt);

    const late = await api('PATCH', `/landlord/offers/${offerId}`, { token: a.token, body: { rentEuros: 400 } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OFFER_PUBLISHED');

    const list = await api('GET', '/landlord/offers', { token: a.token });
    expect(list.status).toBe(200);
    expect(list.body.offers).toContainEqual(expect.objectContaining({ offerId, status: 'PUBLISHED', applicantCount: 0, rentEuros: 620.5 }));
    expect((await api('GET', `/landlord/offers/${offerId}`, { token: commissionA.token })).body).toMatchObject({
      offerId,
      status: 'PUBLISHED',
    });
  });

  it('publishes once when the publication is sent concurrently: every answer gives the same dates', async () => {
    const { body: offer } = await api('POST', '/landlord/offers', { token: a.token, body: completeOffer() });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api('POST', `/landlord/offers/${offer.offerId}/publish`, { token: a.token })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => `${answer.body.publishedAt}|${answer.body.closesAt}`)).size).toBe(1);
  });

  it('keeps a draft out of the department index', async () => {
    const draft = await api('POST', '/landlord/offers', { token: a.token, body: completeOffer() });
    expect(draft.status).toBe(201);
    expect(await publishedInDepartment('92')).not.toContain(draft.body.offerId);
    const item = await localTable().get(offerKey(draft.body.offerId));
    expect(item?.GSI1PK).toBeUndefined();
    expect(item?.GSI2PK).toBe(`LANDLORD#${landlordA}`);
  });

  it('refuses (409) a second offer with the same external reference for the same landlord, not for another', async () => {
    const body = completeOffer();
    expect((await api('POST', '/landlord/offers', { token: a.token, body })).status).toBe(201);
    const duplicate = await api('POST', '/landlord/offers', { token: a.token, body });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EXTERNAL_REFERENCE_EXISTS');
    expect((await api('POST', '/landlord/offers', { token: b.token, body })).status).toBe(201);
  });

  it('refuses (409) a new offer while a bulk import writes the landlord’s new references, and takes it once the import is done', async () => {
    const table = localTable();
    const imports = importOfferStore(table.client, table.tableName, 1);
    const now = Date.now();
    expect(await imports.leaseReferences(landlordA, 'an-import-chunk', now, now + 60_000)).toBe(true);
    const body = completeOffer();
    const refused = await api('POST', '/landlord/offers', { token: a.token, body });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'IMPORT_IN_PROGRESS',
      message: 'Un import de fichier enregistre en ce moment de nouvelles offres de votre organisation : réessayez dans quelques instants.',
    });
    await imports.releaseReferences(landlordA, 'an-import-chunk');
    expect((await api('POST', '/landlord/offers', { token: a.token, body })).status).toBe(201);
  });

  it('answers 403 to landlord B reading, editing or publishing landlord A’s offer, and 404 to an unknown id', async () => {
    const { body: offer } = await api('POST', '/landlord/offers', { token: a.token, body: completeOffer() });
    expect((await api('GET', `/landlord/offers/${offer.offerId}`, { token: b.token })).status).toBe(403);
    expect((await api('PATCH', `/landlord/offers/${offer.offerId}`, { token: b.token, body: { rentEuros: 1 } })).status).toBe(403);
    expect((await api('POST', `/landlord/offers/${offer.offerId}/publish`, { token: b.token })).status).toBe(403);
    expect(
      (await api('GET', '/landlord/offers?limit=100', { token: b.token })).body.offers.map((o: { offerId: string }) => o.offerId),
    ).not.toContain(offer.offerId);
    expect((await api('GET', `/landlord/offers/${offer.offerId}`, { token: a.token })).body.status).toBe('DRAFT');
    expect((await api('GET', '/landlord/offers/00000000-0000-4000-8000-000000000000', { token: a.token })).status).toBe(404);
  });

  it('lets the commission read but not write, and refuses employees and companies', async () => {
    const { body: offer } = await api('POST', '/landlord/offers', { token: a.token, body: completeOffer() });
    expect((await api('GET', '/landlord/offers', { token: commissionA.token })).status).toBe(200);
    const employee = await tokenOf('employee');
    const company = await tokenOf('company');
    for (const token of [commissionA.token, employee, company]) {
      expect((await api('POST', '/landlord/offers', { token, body: completeOffer() })).status).toBe(403);
      expect((await api('PATCH', `/landlord/offers/${offer.offerId}`, { token, body: { rentEuros: 1 } })).status).toBe(403);
      expect((await api('POST', `/landlord/offers/${offer.offerId}/publish`, { token })).status).toBe(403);
    }
    expect((await api('GET', '/landlord/offers', { token: employee })).status).toBe(403);
    expect((await api('GET', `/landlord/offers/${offer.offerId}`, { token: employee })).body.status).toBeUndefined();
  });

  it('pages the landlord’s offers, newest first', async () => {
    const user = await invitedUser(await createLandlord('Bailleur paginé'), 'landlord');
    const references = [`P1-${unique()}`, `P2-${unique()}`, `P3-${unique()}`];
    for (const externalReference of references) {
      expect((await api('POST', '/landlord/offers', { token: user.token, body: { externalReference } })).status).toBe(201);
    }
    const first = await api('GET', '/landlord/offers?limit=2', { token: user.token });
    expect(first.body.offers.map((o: { externalReference: string }) => o.externalReference)).toEqual([references[2], references[1]]);
    const second = await api('GET', `/landlord/offers?limit=2&cursor=${first.body.cursor}`, { token: user.token });
    expect(second.body.offers.map((o: { externalReference: string }) => o.externalReference)).toEqual([references[0]]);
    expect(second.body.cursor).toBeUndefined();
    // A well-formed cursor DynamoDB refuses as a start key is bad input, not a 500.
    const refused = await api('GET', `/landlord/offers?cursor=${Buffer.from('{"a":"b"}').toString('base64url')}`, { token: user.token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ field: 'query.cursor', message: 'Curseur de pagination invalide.' }]);
  });
});
