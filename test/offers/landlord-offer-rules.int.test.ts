import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingTime, durationMs, offerRules } from '#offers/offer-rules.ts';
import { offerStore } from '#offers/offer-store.ts';
import { createOffer, publishOffer, type OfferDeps } from '#offers/offer-use-cases.ts';
import { offerDraftSchema } from '#offers/offer-schemas.ts';
import { t2Offer } from '../support/offers.ts';
import { freshTable } from '../support/table.ts';

describe('the application window', () => {
  it('is seven days by default', () => {
    expect(offerRules.applicationWindow).toBe('P7D');
    expect(closingTime(new Date('2026-03-01T10:00:00.000Z'), offerRules).toISOString()).toBe('2026-03-08T10:00:00.000Z');
  });

  it('reads ISO 8601 durations in weeks, days, hours, minutes and seconds, and refuses calendar units', () => {
    expect(durationMs('P1W')).toBe(7 * 86_400_000);
    expect(durationMs('P2DT12H')).toBe(60 * 3_600_000);
    expect(durationMs('PT90M')).toBe(90 * 60_000);
    for (const bad of ['P1M', 'P1Y', 'P', 'PT', '7 days', 'P1.5D']) expect(() => durationMs(bad)).toThrow(/duration/);
  });
});

describe('publishing with another configured window', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable('offer-rules');
  });
  afterAll(() => table.drop());

  it('closes the offer when the configured window ends', async () => {
    const started: { offerId: string; closesAt: string }[] = [];
    const deps: OfferDeps = {
      offers: offerStore(table.client, table.tableName),
      rules: { ...offerRules, applicationWindow: 'PT36H' },
      lifecycle: {
        start: async (offer) => {
          started.push(offer);
          return { started: true };
        },
      },
      now: () => new Date('2026-03-01T10:00:00.000Z'),
      newId: () => '00000000-0000-4000-8000-000000000001',
    };
    const caller = { userId: 'u', roles: ['landlord' as const], landlordId: 'l-1' };
    // In Lyon 3e: the offer is filed under the city of Lyon.
    const body = offerDraftSchema.parse(t2Offer({ externalReference: 'W-1', address: '1 rue A', postalCode: '69003', commune: '69383' }));
    const draft = await createOffer(deps, body, caller);
    expect(draft).toMatchObject({ commune: '69123', department: '69', communeName: 'Lyon' });
    const published = await publishOffer(deps, draft.offerId, caller);
    expect(published).toMatchObject({ publishedAt: '2026-03-01T10:00:00.000Z', closesAt: '2026-03-02T22:00:00.000Z' });
    // Its lifecycle starts, waiting for that closing time; publishing again starts it again (idempotent on the execution's name).
    await publishOffer(deps, draft.offerId, caller);
    expect(started).toEqual([
      { offerId: draft.offerId, closesAt: '2026-03-02T22:00:00.000Z' },
      { offerId: draft.offerId, closesAt: '2026-03-02T22:00:00.000Z' },
    ]);
  });
});
