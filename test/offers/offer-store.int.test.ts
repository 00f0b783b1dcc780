import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateExternalReference, OfferChangedMeanwhile, offerStore, type Offer, type OfferStore } from '#offers/offer-store.ts';
import { freshTable } from '../support/table.ts';

let table: Awaited<ReturnType<typeof freshTable>>;
let store: OfferStore;

beforeAll(async () => {
  table = await freshTable('offer-store');
  store = offerStore(table.client, table.tableName);
});
afterAll(() => table.drop());

let sequence = 0;
function draft(overrides: Partial<Offer> = {}): Offer {
  sequence += 1;
  return {
    offerId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    landlordId: 'landlord-1',
    status: 'DRAFT',
    externalReference: `REF-${sequence}`,
    commune: '92012',
    department: '92',
    createdAt: `2026-03-01T10:00:${String(sequence).padStart(2, '0')}.000Z`,
    createdBy: 'user-1',
    updatedAt: '2026-03-01T10:00:00.000Z',
    applicantCount: 0,
    ...overrides,
  };
}

const publish = (offer: Offer, closesAt: string) =>
  store.publish(
    {
      ...offer,
      status: 'PUBLISHED',
      department: offer.department!,
      publishedAt: '2026-03-02T10:00:00.000Z',
      closesAt,
      updatedAt: '2026-03-02T10:00:00.000Z',
    },
    offer.updatedAt,
  );

describe('the offer store', () => {
  it('refuses a second offer with the same external reference for the same landlord only', async () => {
    const first = draft();
    await store.create(first);
    await expect(store.create(draft({ externalReference: first.externalReference }))).rejects.toBeInstanceOf(DuplicateExternalReference);
    await store.create(draft({ externalReference: first.externalReference, landlordId: 'landlord-2' }));
    expect(await store.get(first.offerId)).toEqual(first);
  });

  it('lists a department’s published offers still open, soonest closing first, and no draft', async () => {
    const [closed, later, sooner, kept, elsewhere] = [draft(), draft(), draft(), draft(), draft({ commune: '75056', department: '75' })];
    for (const offer of [closed, later, sooner, kept, elsewhere]) await store.create(offer);
    await publish(closed, '2026-03-05T00:00:00.000Z');
    await publish(later, '2026-03-09T12:00:00.000Z');
    await publish(sooner, '2026-03-08T12:00:00.000Z');
    await publish(elsewhere, '2026-03-09T12:00:00.000Z');
    const page = await store.listOpenInDepartment('92', new Date('2026-03-05T00:00:00.000Z'));
    expect(page.offers.map((offer) => offer.offerId)).toEqual([sooner.offerId, later.offerId]);
    expect(page.offers[0]).toMatchObject({ status: 'PUBLISHED', closesAt: '2026-03-08T12:00:00.000Z' });
  });

  it('refuses to replace or publish a draft that changed or was published since it was read', async () => {
    const offer = draft();
    await store.create(offer);
    await store.replaceDraft({ ...offer, rentEuros: 500, updatedAt: '2026-03-01T11:00:00.000Z' }, offer.updatedAt);
    await expect(store.replaceDraft({ ...offer, rentEuros: 600 }, offer.updatedAt)).rejects.toBeInstanceOf(OfferChangedMeanwhile);
    const current = (await store.get(offer.offerId))!;
    await publish(current, '2026-03-09T00:00:00.000Z');
    const error = await store.replaceDraft({ ...current, rentEuros: 700 }, current.updatedAt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfferChangedMeanwhile);
    expect((error as OfferChangedMeanwhile).current).toMatchObject({ status: 'PUBLISHED', rentEuros: 500 });
    await expect(publish(current, '2026-03-10T00:00:00.000Z')).rejects.toBeInstanceOf(OfferChangedMeanwhile);
  });
});
