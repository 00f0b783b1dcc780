import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from '../support/api.ts';
import { finishedImport, freshLandlord, uploadFile } from './support.ts';

const samples = path.resolve(import.meta.dirname, '..', '..', 'data', 'samples');
const offersOf = async (token: string) =>
  (await api('GET', '/landlord/offers?limit=100', { token })).body.offers as {
    externalReference: string;
    status: string;
    commune?: string;
    rentWithChargesEuros?: number;
  }[];

describe('the sample files', () => {
  it('imports data/samples/offres.csv as documented: 8 offers, 4 of them published, every row accepted', async () => {
    const { token } = await freshLandlord();
    const importId = await uploadFile(token, 'csv', await readFile(path.join(samples, 'offres.csv')));
    const done = await finishedImport(token, importId);
    expect(done).toMatchObject({
      status: 'DONE',
      filename: 'offres.csv',
      counts: { read: 8, created: 8, updated: 0, unchanged: 0, published: 4, rejected: 0 },
      progress: { rowsDone: 8, rowsTotal: 8 },
      errors: [],
      errorCount: 0,
    });
    const offers = await offersOf(token);
    const byReference = new Map(offers.map((offer) => [offer.externalReference, offer]));
    expect([...byReference.keys()].sort()).toEqual([
      'IMP-0001',
      'IMP-0002',
      'IMP-0003',
      'IMP-0004',
      'IMP-0005',
      'IMP-0006',
      'IMP-0007',
      'IMP-0008',
    ]);
    expect(
      offers
        .filter((offer) => offer.status === 'PUBLISHED')
        .map((offer) => offer.externalReference)
        .sort(),
    ).toEqual(['IMP-0001', 'IMP-0002', 'IMP-0003', 'IMP-0008']);
    // Paris 11e is filed under Paris; the decimal comma is read as such.
    expect(byReference.get('IMP-0005')).toMatchObject({ commune: '75056', rentWithChargesEuros: 215.8 });
  });

  it('imports data/samples/offres.json as documented: 4 offers, 2 of them published, and a report next to the file', async () => {
    const { token } = await freshLandlord();
    const importId = await uploadFile(token, 'json', await readFile(path.join(samples, 'offres.json')));
    const done = await finishedImport(token, importId);
    expect(done).toMatchObject({ status: 'DONE', counts: { read: 4, created: 4, published: 2, rejected: 0 } });
    const report = await fetch(done.reportUrl);
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({ importId, status: 'DONE', counts: { read: 4, created: 4, published: 2 }, errors: [] });
    const offers = await offersOf(token);
    expect(offers.filter((offer) => offer.status === 'PUBLISHED')).toHaveLength(2);
  });
});
