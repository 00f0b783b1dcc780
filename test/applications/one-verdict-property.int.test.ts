import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationRules } from '#applications/application-rules.ts';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { api } from '../support/api.ts';
import { createTestEmployee, type TestEmployee, updateEmployeeItem } from '../support/employees.ts';
import { localTable } from '../support/table.ts';
import { closeWindow, publishedOffer } from './support.ts';

/**
 * Issue 13, item 1, end to end over generated cases (fast-check): for a generated person
 * (employment, NUD, "Ma situation", documents, active applications) and an offer, through HTTP
 * on the local cloud, `eligible: true` in `GET /offers/{id}` ⇔ "Je postule" is accepted (201)
 * ⇔ the offer is in the tabs; a refusal is the first unmet reason of the verdict, and the tabs
 * answer the very gaps the details list. Strasbourg, which no other test file uses: the tabs
 * hold only this file's offers.
 */
const strasbourg = { commune: '67482', postalCode: '67000', address: '5 rue des Juifs' };
const acme = '43219876500013';
const otherCompany = '51234567800019';
const dayMs = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * dayMs).toISOString();

/** The offers the cases draw from: one that fits most generated people, and one per way to miss it. */
const offerVariants = {
  fitting: {},
  plai: { financing: 'PLAI' },
  house: { kind: 'house' },
  t2: { typology: 'T2', rooms: 2, bedrooms: 1, surfaceM2: 42 },
  dear: { rentEuros: 880, chargesEuros: 140, financing: 'PLS' },
  reservedForAcme: { reservedForSirets: [acme] },
  reservedForOther: { reservedForSirets: [otherCompany] },
  closed: {},
} as const;
type Variant = keyof typeof offerVariants;
const offerIds = new Map<Variant, string>();

beforeAll(async () => {
  for (const [variant, overrides] of Object.entries(offerVariants) as [Variant, Record<string, unknown>][]) {
    offerIds.set(variant, await publishedOffer({ ...strasbourg, ...overrides }));
  }
  await closeWindow(offerIds.get('closed')!);
}, 120_000);

const member = (relationship: string, birthDate: string) => ({ relationship, birthDate, disability: false });
const criteria = { kinds: ['apartment'], typologies: ['T3'], communes: [strasbourg.commune], minSurfaceM2: 40, maxRentEuros: 950 };

/** A generated person: the body of "Ma situation" and what the routes of other roles would set. */
interface Person {
  readonly employment: 'CONFIRMED' | 'PENDING' | 'REJECTED';
  readonly nudRegisteredDaysAgo: number | undefined;
  /** `PUT /me/situation` without the NUD; a section set to null is left undeclared. */
  readonly situation: Readonly<Record<string, unknown>>;
  /** Per required document type: received now, received 200 days ago (some expire), absent. */
  readonly documents: readonly ('recent' | 'old' | 'absent')[];
  readonly activeApplications: number;
}

/** Fits the `fitting` offer: household of two, income between the PLAI and the PLUS ceilings, a T3 apartment up to 950 €. */
const fittingPerson: Person = {
  employment: 'CONFIRMED',
  nudRegisteredDaysAgo: 120,
  situation: {
    household: { members: [member('applicant', '1990-04-02'), member('child', '2019-09-12')] },
    income: { rfrN2: 24_000 },
    employment: { kind: 'CDI', startDate: '2021-03-01', trialPeriod: { ongoing: false } },
    mainResidence: true,
    searchCriteria: criteria,
  },
  documents: requiredDocumentTypes(documentRules).map(() => 'recent'),
  activeApplications: 0,
};

const declared = (person: Person, section: Record<string, unknown>): Person => ({
  ...person,
  situation: { ...person.situation, ...section },
});

/** What a case may take away from the fitting person (up to two; half the cases none, so both sides of the equivalence are reached). */
const gaps = {
  'employment pending': (p: Person): Person => ({ ...p, employment: 'PENDING' }),
  'employment rejected': (p: Person): Person => ({ ...p, employment: 'REJECTED' }),
  'NUD unknown': (p: Person): Person => ({ ...p, nudRegisteredDaysAgo: undefined }),
  'NUD lapsed': (p: Person): Person => ({ ...p, nudRegisteredDaysAgo: 420 }),
  'a document absent': (p: Person): Person => ({ ...p, documents: p.documents.map((state, index) => (index === 0 ? 'absent' : state)) }),
  'documents received 200 days ago': (p: Person): Person => ({ ...p, documents: p.documents.map(() => 'old') }),
  'at the cap': (p: Person): Person => ({ ...p, activeApplications: applicationRules.maxActiveApplications }),
  'not the main residence': (p: Person) => declared(p, { mainResidence: false }),
  'no household': (p: Person) => declared(p, { household: null }),
  'no income': (p: Person) => declared(p, { income: null }),
  'no search criteria': (p: Person) => declared(p, { searchCriteria: null }),
  'income over the PLUS ceiling': (p: Person) => declared(p, { income: { rfrN2: 60_000 } }),
  'a T2 sought': (p: Person) => declared(p, { searchCriteria: { ...criteria, typologies: ['T2'] } }),
  'a house sought': (p: Person) => declared(p, { searchCriteria: { ...criteria, kinds: ['house'] } }),
  'at least 60 m²': (p: Person) => declared(p, { searchCriteria: { ...criteria, minSurfaceM2: 60 } }),
};
type Gap = keyof typeof gaps;

const caseArbitrary = fc.record({
  gaps: fc.oneof(fc.constant<Gap[]>([]), fc.subarray(Object.keys(gaps) as Gap[], { minLength: 1, maxLength: 2 })),
  // A few active applications under the cap count for nothing.
  activeApplications: fc.integer({ min: 0, max: applicationRules.maxActiveApplications - 1 }),
  offer: fc.oneof(
    { weight: 5, arbitrary: fc.constant<Variant>('fitting') },
    { weight: 2, arbitrary: fc.constant<Variant>('reservedForAcme') },
    { weight: 6, arbitrary: fc.constantFrom<Variant>('plai', 'house', 't2', 'dear', 'reservedForOther', 'closed') },
  ),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

const personIn = (generated: Case): Person =>
  generated.gaps.reduce((person, gap) => gaps[gap](person), { ...fittingPerson, activeApplications: generated.activeApplications });

/** The generated person, made through the routes where one exists ("Ma situation"), else written as the upload path would leave it. */
async function personOf(person: Person): Promise<TestEmployee> {
  const employee = await createTestEmployee({ employee: { employment: { status: person.employment } } });
  const { nudRegisteredDaysAgo } = person;
  const situation = await api('PUT', '/me/situation', {
    token: employee.token,
    body: {
      ...(nudRegisteredDaysAgo === undefined ? {} : { nud: { firstRegisteredOn: daysAgo(nudRegisteredDaysAgo).slice(0, 10) } }),
      ...person.situation,
    },
  });
  expect(situation.status).toBe(200);
  const table = localTable();
  const types = requiredDocumentTypes(documentRules);
  const received = (state: string) => types.filter((_, index) => person.documents[index] === state);
  const items = [
    ...receivedDocumentItems(employee.id, received('recent'), daysAgo(1), 'recent'),
    ...receivedDocumentItems(employee.id, received('old'), daysAgo(200), 'old'),
  ];
  await Promise.all(items.map((item) => table.client.send(new PutCommand({ TableName: table.tableName, Item: item }))));
  await updateEmployeeItem(employee.id, 'SET activeApplications = :count', { ':count': person.activeApplications });
  return employee;
}

interface Reason {
  code: string;
  met: boolean;
}
interface Step {
  code: string;
  message: string;
  fixAt: string;
}

/** Every offer id of the requested tab, and what it says is missing. */
async function requestedTab(token: string) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let missing: Step[] | undefined;
  do {
    const response = await api('GET', `/offers?tab=requested&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(response.status).toBe(200);
    ids.push(...response.body.offers.map((offer: { offerId: string }) => offer.offerId));
    missing = response.body.missing;
    cursor = response.body.cursor;
  } while (cursor);
  return { ids, missing: missing ?? [] };
}

/** The answer of "Je postule" to the first unmet reason of the verdict (docs/decisions.md, "One verdict"). */
const refusalOf = (code: string) =>
  ({ window: 'WINDOW_CLOSED', nud: 'NUD_INVALID', file: 'FILE_INCOMPLETE', 'active-applications': 'TOO_MANY_APPLICATIONS' })[code] ??
  'NOT_ELIGIBLE';

describe('the one verdict, end to end (property, fast-check)', () => {
  it('eligible: true in the offer details ⇔ "Je postule" accepts ⇔ the tabs list the offer', async () => {
    const seen = { eligible: 0, refused: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (generated) => {
        const offerId = offerIds.get(generated.offer)!;
        const employee = await personOf(personIn(generated));

        const details = await api('GET', `/offers/${offerId}`, { token: employee.token });
        if (generated.offer === 'closed') {
          // A closed offer shows its details only to its applicants (404 to anyone else, as an
          // unknown id): "Je postule" refuses it first of all, and no tab lists it.
          expect(details.status).toBe(404);
          const refused = await api('POST', `/offers/${offerId}/applications`, { token: employee.token });
          expect([refused.status, refused.body.error.code]).toEqual([409, 'WINDOW_CLOSED']);
          expect((await requestedTab(employee.token)).ids).not.toContain(offerId);
          seen.refused.add(refused.body.error.code);
          return;
        }
        expect(details.status).toBe(200);
        const { eligible, reasons, missing } = details.body.eligibility as { eligible: boolean; reasons: Reason[]; missing: Step[] };
        const tab = await requestedTab(employee.token);
        const answer = await api('POST', `/offers/${offerId}/applications`, { token: employee.token });

        expect({ eligible, accepted: answer.status === 201, listed: tab.ids.includes(offerId) }).toEqual({
          eligible,
          accepted: eligible,
          listed: eligible,
        });
        // The tabs answer the person's gaps the details list, each with its message and page.
        expect(tab.missing.map(({ code }) => code)).toEqual(missing.map(({ code }) => code));
        for (const step of tab.missing)
          expect(step).toEqual({ code: expect.any(String), message: expect.any(String), fixAt: expect.stringMatching(/^\/[a-z-]+$/) });
        if (eligible) {
          seen.eligible += 1;
          return;
        }
        const firstUnmet = reasons.find((reason) => !reason.met)!;
        expect(answer.body.error.code).toBe(refusalOf(firstUnmet.code));
        expect([409, 422]).toContain(answer.status);
        seen.refused.add(answer.body.error.code);
      }),
      { numRuns: 100, seed: 1313, endOnFailure: true },
    );
    console.log(`VERDICT PROPERTY (HTTP): ${seen.eligible} of 100 cases eligible; refusals seen: ${[...seen.refused].sort().join(', ')}`);
    // Both sides of the equivalence were reached, and every answer "Je postule" can refuse with.
    expect(seen.eligible).toBeGreaterThanOrEqual(10);
    expect([...seen.refused].sort()).toEqual(['FILE_INCOMPLETE', 'NOT_ELIGIBLE', 'NUD_INVALID', 'TOO_MANY_APPLICATIONS', 'WINDOW_CLOSED']);
  }, 600_000);
});
