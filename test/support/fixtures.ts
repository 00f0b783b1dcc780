import type { Employee } from '#identity/employee-store.ts';
import type { OfferFacts } from '#offers/eligibility/offer-eligibility.ts';

/**
 * Plain records for unit tests, which build them in memory (no local cloud): tests override what
 * their case is about.
 */

/** An active employee of the company 432 198 765 00013, registered on 10 January 2026, employment confirmed. */
export const employeeRecord = (overrides: Partial<Employee> = {}): Employee => ({
  id: 'e-1',
  civility: 'Mme',
  lastName: 'Testeuse',
  firstName: 'Camille',
  phone: '+33612345678',
  email: 'e@example.org',
  nud: '075012345678901',
  siret: '43219876500013',
  consent: { acceptedAt: '2026-01-10T10:00:00.000Z', textVersion: '2026-01' },
  registeredAt: '2026-01-10T10:00:00.000Z',
  account: 'ACTIVE',
  employment: { status: 'CONFIRMED' },
  ...overrides,
});

/** What eligibility reads of a T2 in Paris under PLUS, 800 € with charges (its window is the test's). */
export const parisT2 = {
  commune: '75056',
  department: '75',
  kind: 'apartment',
  typology: 'T2',
  rooms: 2,
  bedrooms: 1,
  surfaceM2: 45,
  rentEuros: 700,
  chargesEuros: 100,
  financing: 'PLUS',
} as const satisfies Omit<OfferFacts, 'publishedAt' | 'closesAt'>;
