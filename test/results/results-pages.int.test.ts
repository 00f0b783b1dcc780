import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerToItem, type Offer } from '#offers/offer-store.ts';
import { fromBase64Url } from '#shared/page-cursor.ts';
import { resultsStore, type ClosedOffersCursor } from '#results/results-store.ts';
import { listResults } from '#results/results-use-cases.ts';
import { resultsQuerySchema } from '#results/results-schemas.ts';
import { freshTable } from '../support/table.ts';

/**
 * The pages of the published results (issue 13, item 8) on DynamoDB Local: every closed offer of
 * the department comes once, latest closing first, offers closing at the same instant included,
 * and the cursor names a closing instant, never an offer (its id would lead to the attributed
 * dwelling's address through `GET /offers/{id}`).
 */
const table = await freshTable('results-pages');
afterAll(() => table.drop());
const store = resultsStore(table.client, table.tableName);
const now = new Date('2026-12-03T12:00:00.000Z');
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

const offer = (closesAt: string, commune = '13055'): Offer => ({
  offerId: randomUUID(),
  landlordId: 'landlord-results',
  status: 'PUBLISHED',
  externalReference: `RES-${randomUUID()}`,
  commune,
  department: '13',
  createdAt: at(20_000),
  createdBy: 'landlord-results',
  updatedAt: at(20_000),
  publishedAt: at(10_000),
  closesAt,
  applicantCount: 0,
});

// Three offers closing at the same instant (a batch published at once), others before and after,
// one in another commune, one still open.
const offers = [
  offer(at(10)),
  offer(at(60)),
  offer(at(60)),
  offer(at(60)),
  offer(at(90), '13001'),
  offer(at(120)),
  offer(at(500)),
  offer(at(-60)),
];
/** The closed ones, as the store orders them: latest closing first, then by descending id. */
const closed = offers
  .filter((o) => o.closesAt! < now.toISOString())
  .sort((a, b) => `${b.closesAt}#${b.offerId}`.localeCompare(`${a.closesAt}#${a.offerId}`));

beforeAll(async () => {
  for (const o of offers) await table.client.send(new PutCommand({ TableName: table.tableName, Item: offerToItem(o) }));
});

async function allPages(limit: number, commune?: string) {
  const ids: string[] = [];
  const cursors: ClosedOffersCursor[] = [];
  let cursor: ClosedOffersCursor | undefined;
  for (let page = 0; page < 20; page += 1) {
    const read = await store.closedOffers('13', now, { limit, ...(commune ? { commune } : {}), ...(cursor ? { cursor } : {}) });
    ids.push(...read.offers.map((o) => o.offerId));
    cursor = read.cursor;
    if (!cursor) return { ids, cursors };
    cursors.push(cursor);
  }
  throw new Error('more than 20 pages');
}

describe('the pages of the published results', () => {
  it.each([1, 2, 3, 4])('read %i at a time, give every closed offer once, in order, ties included', async (limit) => {
    const { ids, cursors } = await allPages(limit);
    expect(ids).toEqual(closed.map((o) => o.offerId));
    for (const cursor of cursors) expect(Object.keys(cursor).sort()).toEqual(['closedBefore', 'skip']);
  });

  it('keep only the commune asked for, across pages', async () => {
    const { ids } = await allPages(2, '13055');
    expect(ids).toEqual(closed.filter((o) => o.commune === '13055').map((o) => o.offerId));
  });

  it('give the client a cursor with a closing instant and a count, and no offer id', async () => {
    const deps = { results: store, now: () => now };
    const first = await listResults(deps, resultsQuerySchema.parse({ department: '13', limit: '2' }));
    const text = fromBase64Url(first.cursor!)!;
    expect(JSON.parse(text)).toEqual({ closedBefore: at(60), skip: '1' });
    for (const o of offers) expect(text).not.toContain(o.offerId);
    // The cursor reads on where the page stopped (the offers have no lifecycle record: no result rows).
    const second = await listResults(deps, resultsQuerySchema.parse({ department: '13', limit: '2', cursor: first.cursor }));
    expect(JSON.parse(fromBase64Url(second.cursor!)!)).toEqual({ closedBefore: at(60), skip: '3' });
  });

  it('refuses a cursor that is not one of its own with a field message', () => {
    const foreign = Buffer.from(JSON.stringify({ PK: 'OFFER#x', SK: 'OFFER' })).toString('base64url');
    const parsed = resultsQuerySchema.safeParse({ department: '13', cursor: foreign });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain('Curseur de pagination invalide.');
  });
});
