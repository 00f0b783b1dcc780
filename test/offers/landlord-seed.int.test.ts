import { SFNClient } from '@aws-sdk/client-sfn';
import { lifecycleStarter } from '#offers/lifecycle-starter.ts';
import { productionDurations } from '#definitions/lifecycle.ts';
import { describe, expect, it } from 'vitest';
import { durationMs } from '#offers/offer-rules.ts';
import { offerStore } from '#offers/offer-store.ts';
import { seedLandlordsAndOffers } from '#local/seed.ts';
import { demoOffers } from '#local/seed-offers.ts';
import { api, cloud, tokenOf } from '../support/api.ts';
import { localTable } from '../support/table.ts';

const claimsOf = (idToken: string) => JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8'));

/** What the seed publishes, from its own data; the shared cloud runs the production 7-day window. */
const seededOffers = demoOffers();
const stillOpen = seededOffers.filter(
  ({ publishedDaysAgo }) => publishedDaysAgo * 86_400_000 < durationMs(productionDurations.applicationWindow),
);
/** The seed's communes are metropolitan: the department is the first two digits. */
const inDepartment = (department: string) => stillOpen.filter(({ body }) => body.commune.startsWith(department)).length;

/** Every offer of the caller's landlord, page after page (other files publish for the same landlord). */
async function landlordOffers(token: string) {
  const offers: { externalReference: string; status: string; applicantCount: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await api('GET', `/landlord/offers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(page.status).toBe(200);
    offers.push(...page.body.offers);
    cursor = page.body.cursor;
  } while (cursor);
  return offers;
}

describe('the demo landlords and offers', () => {
  it('gives each demo landlord a landlord and a commission user bound to it, who see its published offers', async () => {
    const paris = claimsOf(await tokenOf('landlord'))['custom:landlordId'];
    const lyon = claimsOf(await tokenOf('landlord-other'))['custom:landlordId'];
    expect(paris).toBeTruthy();
    expect(lyon).not.toBe(paris);
    expect(claimsOf(await tokenOf('commission'))).toMatchObject({ 'cognito:groups': ['commission'], 'custom:landlordId': paris });
    expect(claimsOf(await tokenOf('commission-other'))['custom:landlordId']).toBe(lyon);

    const seeded = (await landlordOffers(await tokenOf('commission'))).filter((offer) => offer.externalReference.startsWith('PHD-'));
    expect(seeded).toHaveLength(seededOffers.filter((offer) => offer.landlordId === paris).length);
    expect(seeded.every((offer) => offer.status === 'PUBLISHED' && offer.applicantCount >= 0)).toBe(true);
  });

  it('publishes about 50 offers in Paris, Hauts-de-Seine, Seine-Saint-Denis and the Rhône, mostly open, a few reserved for Acme', async () => {
    const table = localTable();
    const offers = offerStore(table.client, table.tableName);
    const now = new Date();
    const open = await Promise.all(['75', '92', '93', '69'].map((department) => offers.listOpenInDepartment(department, now, 500)));
    const seeded = open.map((page) => page.offers.filter((offer) => /^(PHD|LMH)-/.test(offer.externalReference)));
    expect(seeded.map((list) => list.length)).toEqual(['75', '92', '93', '69'].map(inDepartment));
    const all = seeded.flat();
    // 50 published, of which 2 nine days ago: their window is closed.
    expect(seededOffers).toHaveLength(50);
    expect(all).toHaveLength(stillOpen.length);
    expect(stillOpen).toHaveLength(48);
    expect(new Set(all.map((offer) => offer.commune))).toEqual(
      new Set(['75056', '92012', '92040', '92044', '92051', '92063', '92050', '93066', '69123', '69266', '69259']),
    );
    expect(new Set(all.map((offer) => offer.typology)).size).toBe(5);
    expect(new Set(all.map((offer) => offer.financing))).toEqual(new Set(['PLAI', 'PLUS', 'PLS']));
    const reservedForAcme = stillOpen.filter(
      ({ body }) => 'reservedForSirets' in body && body.reservedForSirets?.includes('43219876500013'),
    );
    expect(reservedForAcme.length).toBeGreaterThanOrEqual(3);
    expect(all.filter((offer) => offer.reservedForSirets?.includes('43219876500013'))).toHaveLength(reservedForAcme.length);
    expect(all.every((offer) => Date.parse(offer.closesAt!) > now.getTime())).toBe(true);
  });

  it('seeds again on persisted data without duplicating or re-dating an offer', async () => {
    const table = localTable();
    const offers = offerStore(table.client, table.tableName);
    const snapshot = async () =>
      (await offers.listOpenInDepartment('92', new Date(), 500)).offers
        .filter((offer) => offer.externalReference.startsWith('PHD-'))
        .map((offer) => `${offer.offerId}@${offer.publishedAt}`)
        .sort();
    const before = await snapshot();
    const { environment } = cloud();
    const lifecycle = lifecycleStarter(
      new SFNClient({ endpoint: environment.AWS_ENDPOINT_URL_SFN, region: environment.AWS_REGION }),
      environment.OFFER_LIFECYCLE_ARN!,
      productionDurations,
    );
    const applicationWindow = environment.APPLICATION_WINDOW!;
    await seedLandlordsAndOffers({ db: table.client, tableName: table.tableName, now: () => new Date(), lifecycle, applicationWindow });
    expect(await snapshot()).toEqual(before);
  });
});
