import { describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { unique } from '../support/registration.ts';
import { csvFile, csvRow, finishedImport, freshLandlord, header, uploadFile } from './support.ts';

type Offer = { externalReference: string; status: string; offerId: string; rentEuros?: number; updatedAt: string };
const offersOf = async (token: string) => (await api('GET', '/landlord/offers?limit=100', { token })).body.offers as Offer[];
const errorsOf = (view: { errors: { line: number; field?: string; message: string }[] }) =>
  view.errors.map(({ line, field }) => `${line}:${field ?? ''}`).sort();

describe('importing a file of offers', () => {
  it('upserts by external reference: the same file again changes nothing, a changed row updates its draft, a change to a published offer is refused', async () => {
    const { token } = await freshLandlord();
    const [draft, published] = [`D-${unique()}`, `P-${unique()}`];
    const file = csvFile([csvRow(draft), csvRow(published, { publish: 'oui' })]);
    const first = await finishedImport(token, await uploadFile(token, 'csv', file));
    expect(first.counts).toEqual({ read: 2, created: 2, updated: 0, unchanged: 0, published: 1, rejected: 0 });
    const before = await offersOf(token);

    const replay = await finishedImport(token, await uploadFile(token, 'csv', file));
    expect(replay.counts).toEqual({ read: 2, created: 0, updated: 0, unchanged: 2, published: 0, rejected: 0 });
    expect(await offersOf(token)).toEqual(before);

    const changed = csvFile([csvRow(draft, { rentEuros: '640' }), csvRow(published, { rentEuros: '640', publish: 'oui' })]);
    const third = await finishedImport(token, await uploadFile(token, 'csv', changed));
    expect(third.counts).toEqual({ read: 2, created: 0, updated: 1, unchanged: 0, published: 0, rejected: 1 });
    expect(third.errors).toEqual([{ line: 3, externalReference: published, message: expect.stringContaining('déjà publiée') }]);
    const after = new Map((await offersOf(token)).map((offer) => [offer.externalReference, offer]));
    expect(after.get(draft)).toMatchObject({ status: 'DRAFT', rentEuros: 640 });
    expect(after.get(published)).toMatchObject({ status: 'PUBLISHED', rentEuros: 620.5 });
  });

  it('imports the good rows of a bad file and reports every bad one with its line and field, without writing it', async () => {
    const { token } = await freshLandlord();
    const [good, twice, other] = [`G-${unique()}`, `T-${unique()}`, `O-${unique()}`];
    const file = csvFile([
      csvRow(good),
      csvRow(other, { commune: '99999' }),
      csvRow(twice),
      csvRow(`X-${unique()}`, { rooms: 'trois', energyClass: 'Z' }),
      csvRow(twice, { rentEuros: '700' }),
      csvRow(`Q-${unique()}`, { publish: 'oui', financing: '' }),
      'seulement;deux',
    ]);
    const done = await finishedImport(token, await uploadFile(token, 'csv', file));
    expect(done.status).toBe('DONE');
    expect(done.counts).toEqual({ read: 7, created: 1, updated: 0, unchanged: 0, published: 0, rejected: 6 });
    expect(errorsOf(done)).toEqual([
      '3:commune',
      '4:externalReference',
      '5:energyClass',
      '5:rooms',
      '6:externalReference',
      '7:financing',
      '8:',
    ]);
    expect(done.errors.find((error: { line: number }) => error.line === 3).message).toMatch(/^Commune inconnue/);
    expect(done.errors.find((error: { line: number }) => error.line === 4).message).toMatch(/en double.*ligne 6/);
    expect(done.errors.find((error: { line: number }) => error.line === 8).message).toMatch(/2 colonnes au lieu de 22/);
    expect((await offersOf(token)).map((offer) => offer.externalReference)).toEqual([good]);
  });

  it('reads a comma-separated file with a BOM, and rejects the rows a Latin-1 file spoils, field by field', async () => {
    const { token } = await freshLandlord();
    const [plain, accented] = [`C-${unique()}`, `L-${unique()}`];
    const comma = `\uFEFF${csvFile([csvRow(plain, { surfaceM2: '64.5', rentEuros: '620.50', depositEuros: '620.50', description: 'Lumineux et proche du métro.' })]).replaceAll(';', ',')}`;
    expect((await finishedImport(token, await uploadFile(token, 'csv', comma))).counts).toMatchObject({ read: 1, created: 1, rejected: 0 });

    const latin1 = Buffer.from(
      csvFile([
        csvRow(accented, { residenceName: 'Résidence Hélène' }),
        csvRow(`${accented}-2`, { residenceName: 'Les Lilas', description: 'Calme' }),
      ]),
      'latin1',
    );
    const done = await finishedImport(token, await uploadFile(token, 'csv', latin1));
    expect(done.counts).toMatchObject({ read: 2, created: 1, rejected: 1 });
    expect(done.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'residenceName', message: expect.stringContaining('UTF-8') }),
      expect.objectContaining({ line: 2, field: 'description', message: expect.stringContaining('UTF-8') }),
    ]);
  });

  it.each([
    ['an empty file', 'csv', '', 'EMPTY_FILE'],
    ['a header without the reference column', 'csv', 'commune;rooms\n92012;3\n', 'MISSING_COLUMNS'],
    ['an unknown column', 'csv', `${header};loyer\n`, 'UNKNOWN_COLUMNS'],
    ['garbage', 'csv', 'ceci n’est pas un fichier d’offres\n', 'NOT_CSV'],
    ['a UTF-16 file', 'csv', Buffer.from(`\uFEFF${header}\n`, 'utf16le'), 'ENCODING'],
    ['garbage as JSON', 'json', 'Bonjour', 'NOT_JSON'],
  ] as const)('refuses %s as a whole, with a French message and nothing written', async (_case, format, body, code) => {
    const { token } = await freshLandlord();
    const done = await finishedImport(token, await uploadFile(token, format, body));
    expect(done).toMatchObject({ status: 'FAILED', failure: { code, message: expect.any(String) }, counts: { read: 0, created: 0 } });
    expect(await offersOf(token)).toEqual([]);
  });

  it('reads NDJSON and a JSON array, a broken element spoiling only its own row', async () => {
    const { token } = await freshLandlord();
    const [a, b] = [`N-${unique()}`, `N-${unique()}`];
    const ndjson = `{"externalReference":"${a}","commune":"92012"}\n{"externalReference": ,}\n{"externalReference":"${b}","rooms":"3","extra":1}\n`;
    const done = await finishedImport(token, await uploadFile(token, 'json', ndjson));
    expect(done.counts).toMatchObject({ read: 3, created: 1, rejected: 2 });
    expect(errorsOf(done)).toEqual(['2:', '3:extra', '3:rooms']);
    const truncated = `[{"externalReference":"${b}"},\n{"externalReference":"oops"`;
    const second = await finishedImport(token, await uploadFile(token, 'json', truncated));
    expect(second.counts).toMatchObject({ read: 2, created: 1, rejected: 1 });
    expect(second.errors[0].message).toMatch(/tronqué/);
  });

  it('lets a landlord see and list only its own imports', async () => {
    const mine = await freshLandlord();
    const theirs = await freshLandlord();
    const first = await uploadFile(mine.token, 'csv', csvFile([csvRow(`A-${unique()}`)]));
    await finishedImport(mine.token, first);
    const second = await uploadFile(mine.token, 'json', `[{"externalReference":"B-${unique()}"}]`);
    await finishedImport(mine.token, second);

    const page = await api('GET', '/landlord/imports?limit=1', { token: mine.token });
    expect(page.status).toBe(200);
    expect(page.body.imports.map((job: { importId: string }) => job.importId)).toEqual([second]);
    const next = await api('GET', `/landlord/imports?limit=1&cursor=${page.body.cursor}`, { token: mine.token });
    expect(next.body.imports.map((job: { importId: string }) => job.importId)).toEqual([first]);

    expect((await api('GET', `/landlord/imports/${first}`, { token: theirs.token })).status).toBe(404);
    expect((await api('GET', '/landlord/imports', { token: theirs.token })).body.imports).toEqual([]);
    expect((await api('GET', '/landlord/imports', { token: await tokenOf('commission') })).status).toBe(403);
    expect(
      (await api('POST', '/landlord/imports', { token: await tokenOf('employee'), body: { format: 'csv', filename: 'x.csv' } })).status,
    ).toBe(403);
    expect((await api('GET', '/landlord/imports?cursor=abc', { token: mine.token })).status).toBe(400);
    // A well-formed cursor DynamoDB refuses as a start key is bad input too, not a 500.
    const refused = await api('GET', `/landlord/imports?cursor=${Buffer.from('{"a":"b"}').toString('base64url')}`, { token: mine.token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ field: 'query.cursor', message: 'Curseur de pagination invalide.' }]);
  });

  it('answers 400 with field messages to a bad import request', async () => {
    const { token } = await freshLandlord();
    const response = await api('POST', '/landlord/imports', { token, body: { format: 'xls' } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'body.filename',
      'body.format',
      'body.sizeBytes',
    ]);
    // The size is signed into the upload URL: over the limit, no URL is given.
    const tooBig = await api('POST', '/landlord/imports', {
      token,
      body: { format: 'csv', filename: 'x.csv', sizeBytes: 17 * 1024 * 1024 },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.fields).toEqual([{ field: 'body.sizeBytes', message: expect.stringMatching(/taille maximale de 16 Mio/) }]);
    const fine = await api('POST', '/landlord/imports', { token, body: { format: 'csv', filename: 'x.csv', sizeBytes: 1234 } });
    expect(fine.status).toBe(201);
    expect(new URL(fine.body.upload.url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type']),
    );
    expect((await api('GET', '/landlord/imports/pas%20un%20id', { token })).status).toBe(400);
  });
});
