import { afterEach, describe, expect, it, vi } from 'vitest';
import { alertRules } from '#alerts/alert-schemas.ts';
import type { Subscriber } from '#alerts/alert-store.ts';
import { digestNotification, handledState, newOffersFor } from '#alerts/new-offer-alerts-job.ts';
import type { Offer } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { euros } from '#shared/formats.ts';
import { employeeRecord } from '../support/fixtures.ts';

const geography = await loadGeography();
const now = new Date('2026-11-27T06:00:00.000Z');

const subscriber: Subscriber = {
  employee: employeeRecord({ id: 'employee-1', email: 'camille@test.alin.local' }),
  situation: {
    household: {
      members: [
        { relationship: 'applicant', birthDate: '1994-03-08', disability: false },
        { relationship: 'child', birthDate: '2020-06-21', disability: false },
      ],
    },
    income: { yearN2: 2024, rfrN2: 28_000 },
    mainResidence: true,
    searchCriteria: { kinds: ['apartment'], typologies: ['T3'], communes: ['31555'], minSurfaceM2: 50, maxRentEuros: 900 },
    updatedAt: '2026-11-01T10:00:00.000Z',
  },
};

let sequence = 0;
/** A published Toulouse T3 the subscriber matches and may apply to, unless overridden. */
const offer = (overrides: Partial<Offer> = {}): Offer => {
  sequence += 1;
  return {
    offerId: `offer-${sequence}`,
    landlordId: 'landlord-1',
    status: 'PUBLISHED',
    externalReference: `REF-${sequence}`,
    residenceName: `Résidence ${sequence}`,
    address: '12 allées Jean-Jaurès',
    postalCode: '31000',
    commune: '31555',
    communeName: 'Toulouse',
    department: '31',
    kind: 'apartment',
    typology: 'T3',
    rooms: 3,
    bedrooms: 2,
    surfaceM2: 58,
    rentEuros: 610,
    chargesEuros: 120,
    financing: 'PLUS',
    createdAt: '2026-11-26T08:00:00.000Z',
    createdBy: 'landlord-user',
    updatedAt: '2026-11-26T09:00:00.000Z',
    publishedAt: '2026-11-26T09:00:00.000Z',
    closesAt: '2026-12-03T09:00:00.000Z',
    applicantCount: 0,
    ...overrides,
  };
};

const subscription = { tabs: ['requested' as const], coveredUntil: '2026-11-26T00:00:00.000Z', sentOffers: {} };
const idsOf = (found: { offer: Offer }[]) => found.map(({ offer }) => offer.offerId);

describe('newOffersFor', () => {
  it('keeps a new offer that matches the criteria and that the employee may apply to', () => {
    const matching = offer();
    expect(idsOf(newOffersFor(subscription, subscriber, [matching], now, geography))).toEqual([matching.offerId]);
  });

  it('leaves out another typology, an offer over the income ceiling, and one reserved for another company', () => {
    const offers = [
      offer({ typology: 'T1', rooms: 1, bedrooms: 0, surfaceM2: 30 }),
      offer({ financing: 'PLAI' }),
      offer({ reservedForSirets: ['73282932000074'] }),
      offer({ rentEuros: 850 }),
    ];
    expect(newOffersFor(subscription, subscriber, offers, now, geography)).toEqual([]);
  });

  it('leaves out what was published before the watermark and what was already sent', () => {
    const old = offer({ publishedAt: '2026-11-25T23:59:59.999Z' });
    const sent = offer();
    const fresh = offer({ publishedAt: subscription.coveredUntil });
    const found = newOffersFor(
      { ...subscription, sentOffers: { [sent.offerId]: sent.closesAt! } },
      subscriber,
      [old, sent, fresh],
      now,
      geography,
    );
    expect(idsOf(found)).toEqual([fresh.offerId]);
  });

  it('keeps the bordering communes and the rest of the department only for the tabs chosen, requested first', () => {
    const requested = offer({ closesAt: '2026-12-04T09:00:00.000Z' });
    const neighbouring = offer({
      commune: '31557',
      communeName: 'Tournefeuille',
      postalCode: '31170',
      closesAt: '2026-12-02T09:00:00.000Z',
    });
    // Muret: same department, not bordering Toulouse.
    const department = offer({ commune: '31395', communeName: 'Muret', postalCode: '31600' });
    const offers = [department, neighbouring, requested];
    expect(idsOf(newOffersFor(subscription, subscriber, offers, now, geography))).toEqual([requested.offerId]);
    const all = newOffersFor({ ...subscription, tabs: ['department', 'neighbouring', 'requested'] }, subscriber, offers, now, geography);
    expect(all.map(({ offer, tab }) => [offer.offerId, tab])).toEqual([
      [requested.offerId, 'requested'],
      [neighbouring.offerId, 'neighbouring'],
      [department.offerId, 'department'],
    ]);
  });

  it('finds nothing for an employee without communes or without a situation', () => {
    const matching = offer();
    const { situation: _situation, ...withoutSituation } = subscriber;
    expect(newOffersFor(subscription, withoutSituation, [matching], now, geography)).toEqual([]);
    const noCommunes = {
      ...subscriber,
      situation: { ...subscriber.situation!, searchCriteria: { ...subscriber.situation!.searchCriteria!, communes: [] } },
    };
    expect(newOffersFor(subscription, noCommunes, [matching], now, geography)).toEqual([]);
  });
});

describe('handledState', () => {
  it('moves the watermark to the index-lag margin before the run, never back before the opt-in', () => {
    const marginBefore = new Date(now.getTime() - alertRules.indexLagMarginMs).toISOString();
    expect(handledState(subscription, [], now, alertRules)).toEqual({
      coveredUntil: marginBefore,
      handledOn: '2026-11-27',
      sentOffers: {},
    });
    const justOptedIn = { ...subscription, coveredUntil: '2026-11-27T05:59:00.000Z' };
    expect(handledState(justOptedIn, [], now, alertRules).coveredUntil).toBe(justOptedIn.coveredUntil);
  });

  it('records the offers sent with their closing date, forgets the closed ones, and dates the digest', () => {
    const sent = offer();
    const state = handledState(
      { ...subscription, sentOffers: { closed: '2026-11-27T05:00:00.000Z', open: '2026-11-30T09:00:00.000Z' } },
      [{ offer: sent as Parameters<typeof digestNotification>[1][number]['offer'], tab: 'requested' }],
      now,
      alertRules,
    );
    expect(state.sentOffers).toEqual({ open: '2026-11-30T09:00:00.000Z', [sent.offerId]: sent.closesAt });
    expect(state.digestAt).toBe(now.toISOString());
  });
});

describe('digestNotification', () => {
  it('lists at most the configured number of offers, with their links, and counts the rest', () => {
    const found = newOffersFor(subscription, subscriber, [offer(), offer(), offer()], now, geography);
    const digest = digestNotification(subscriber, found, now, { ...alertRules, maxOffersPerDigest: 2 }, 'http://app.test');
    expect(digest).toMatchObject({ template: 'new-offers-digest', to: subscriber.employee.email, status: 'PENDING' });
    expect(digest.params).toMatchObject({ firstName: 'Camille', count: '3', more: '1', link: 'http://app.test/offres' });
    expect(digest.params.offers!.split('\n- ')).toHaveLength(2);
    expect(digest.params.offers).toContain(`http://app.test/offres/${found[0]!.offer.offerId}`);
    expect(digest.params.offers).toContain(`${euros(730)} par mois charges comprises ; candidatures jusqu’au 03/12/2026`);
  });
});

describe('the schedule of the alerts', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('runs daily at 07:00 by default, and NEW_OFFER_ALERTS_CRON replaces the cron', async () => {
    const { effectiveSchedules } = await import('#definitions/schedules.ts');
    vi.stubEnv('NEW_OFFER_ALERTS_CRON', '');
    expect(effectiveSchedules().newOfferAlerts.cron).toBe('0 7 * * ? *');
    vi.stubEnv('NEW_OFFER_ALERTS_CRON', ' 30 18 ? * MON-FRI * ');
    expect(effectiveSchedules().newOfferAlerts.cron).toBe('30 18 ? * MON-FRI *');
  });

  it('refuses an override that is not an EventBridge cron body', async () => {
    const { effectiveSchedules } = await import('#definitions/schedules.ts');
    vi.stubEnv('NEW_OFFER_ALERTS_CRON', '0 7 * * *');
    expect(() => effectiveSchedules()).toThrow(/NEW_OFFER_ALERTS_CRON must be a six-field EventBridge cron body/);
  });
});
