import { SFNClient } from '@aws-sdk/client-sfn';
import { lifecycleStarter } from '#offers/lifecycle-starter.ts';
import { productionDurations } from '#definitions/lifecycle.ts';
import { describe, expect, it } from 'vitest';
import { offerStore } from '#offers/offer-store.ts';
import { seedLandlordsAndOffers } from '#local/seed.ts';
import { api, cloud, tokenOf } from '../support/api.ts';
import { localTable } from '../support/table.ts';

const claimsOf = (idToken: string) => JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8'));

describe('the demo landlords and offers', () => {
  it('gives each demo landlord a landlord and a commission user bound to it, who see its published offers', async () => {
    const paris = claimsOf(await tokenOf('landlord'))['custom:landlordId'];
    const lyon = claimsOf(await tokenOf('landlord-other'))['custom:landlordId'];
    expect(paris).toBeTruthy();
    expect(lyon).not.toBe(paris);
    expect(claimsOf(await tokenOf('commission'))).toMatchObject({ 'cognito:groups': ['commission'], 'custom:landlordId': paris });
    expect(claimsOf(await tokenOf('commission-other'))['custom:landlordId']).toBe(lyon);

    const list = await api('GET', '/landlord/offers?limit=100', { token: await tokenOf('commission') });
    const seeded = list.body.offers.filter((offer: { externalReference: string }) => offer.externalReference.startsWith('PHD-'));
    expect(seeded.length).toBeGreaterThanOrEqual(30);
    expect(seeded.every((offer: { status: string; applicantCount: number }) => offer.status === 'PUBLISHED' && offer.applicantCount >= 0)).toBe(true);
  });

  it('publishes about 50 offers in Paris, Hauts-de-Seine, Seine-Saint-Denis and the Rhône, mostly open, a few reserved for Acme', async () => {
    const table = localTable();
    const offers = offerStore(table.client, table.tableName);
    const now = new Date();
    const open = await Promise.all(['75', '92', '93', '69'].map((department) => offers.listOpenInDepartment(department, now, 500)));
    const seeded = open.map((page) => page.offers.filter((offer) => /^(PHD|LMH)-/.test(offer.externalReference)));
    const [paris, hautsDeSeine, saintDenis, rhone] = seeded.map((list) => list.length);
    expect(paris).toBeGreaterThanOrEqual(10);
    expect(hautsDeSeine).toBeGreaterThanOrEqual(15);
    expect(saintDenis).toBeGreaterThanOrEqual(4);
    expect(rhone).toBeGreaterThanOrEqual(12);
    const all = seeded.flat();
    expect(all.length).toBeGreaterThanOrEqual(45);
    expect(all.length).toBeLessThan(50);
    expect(new Set(all.map((offer) => offer.commune))).toEqual(
      new Set(['75056', '92012', '92040', '92044', '92051', '92063', '92050', '93066', '69123', '69266', '69259']),
    );
    expect(new Set(all.map((offer) => offer.typology)).size).toBe(5);
    expect(new Set(all.map((offer) => offer.financing))).toEqual(new Set(['PLAI', 'PLUS', 'PLS']));
    expect(all.filter((offer) => offer.reservedForSirets?.includes('43219876500013')).length).toBeGreaterThanOrEqual(3);
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
    const lifecycle = lifecycleStarter(new SFNClient({ endpoint: environment.AWS_ENDPOINT_URL_SFN, region: environment.AWS_REGION }), environment.OFFER_LIFECYCLE_ARN!, productionDurations);
    await seedLandlordsAndOffers({ db: table.client, tableName: table.tableName, now: () => new Date(), lifecycle });
    expect(await snapshot()).toEqual(before);
  });
});
