import { describe, expect, it } from 'vitest';
import type { DocumentFacts } from '#housing-file/completeness.ts';
import type { Situation, SituationRecord } from '#housing-file/situation-store.ts';
import { employeeFromItem, employeeKey, employeeToItem, type Employee } from '#identity/employee-store.ts';
import type { HouseholdMember } from '#housing-file/household.ts';
import { assessOffer } from '#offers/eligibility/offer-eligibility.ts';
import type { Offer } from '#offers/offer-store.ts';
import { ceilingFor } from '#offers/reference/ceilings.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { gridInForce } from '#scoring/grid.ts';
import { scoreApplication } from '#scoring/score.ts';
import { scoringFactsOf, scoringFactsSchema, scoringInputOf, type ScoringFacts } from '#scoring/scoring-facts.ts';
import { employeeRecord, parisT2 } from '../support/fixtures.ts';

const geography = await loadGeography();
// Noon in Paris, during the offer's window.
const now = new Date('2026-06-15T10:00:00Z');
const siret = '43219876500013';

const employee = employeeRecord({ siret });

const applicant: HouseholdMember = { relationship: 'applicant', birthDate: '1999-03-02', disability: false };
const spouse: HouseholdMember = { relationship: 'spouse', birthDate: '1970-07-14', disability: false };
const child: HouseholdMember = { relationship: 'child', birthDate: '2020-01-01', disability: false };

const situation: Situation = {
  household: { members: [applicant] },
  income: { yearN2: 2024, rfrN2: 20_000 },
  employment: { kind: 'CDI', startDate: '2021-09-01', trialPeriod: { ongoing: false } },
  mainResidence: true,
  updatedAt: '2026-06-01T08:00:00.000Z',
};

const offer: Offer = {
  offerId: 'o-1',
  landlordId: 'l-1',
  status: 'PUBLISHED',
  externalReference: 'REF-1',
  ...parisT2,
  createdAt: '2026-06-10T08:00:00.000Z',
  createdBy: 'u-1',
  updatedAt: '2026-06-10T08:00:00.000Z',
  publishedAt: '2026-06-12T08:00:00.000Z',
  closesAt: '2026-06-19T08:00:00.000Z',
  applicantCount: 0,
};

const record = (changes: Partial<Situation> | undefined, firstRegisteredOn: string | undefined): SituationRecord => ({
  employeeId: employee.id,
  nud: employee.nud,
  siret: employee.siret,
  nudDates: { firstRegisteredOn, lastRenewedOn: undefined },
  situation: changes === undefined ? undefined : { ...situation, ...changes },
});

const factsOf = (
  options: {
    situation?: Partial<Situation> | undefined;
    employee?: Partial<Employee>;
    offer?: Partial<Offer>;
    firstRegisteredOn?: string | undefined;
    documents?: readonly DocumentFacts[];
  } = {},
): ScoringFacts =>
  scoringFactsOf(
    {
      employee: { ...employee, ...options.employee },
      situation: record(
        'situation' in options ? options.situation : {},
        'firstRegisteredOn' in options ? options.firstRegisteredOn : '2023-05-10',
      ),
      documents: options.documents ?? [],
    },
    { ...offer, ...options.offer },
    now,
    geography,
  );

describe('scoring facts: the employment contract', () => {
  it.each([
    [
      'a CDI with no trial period',
      { kind: 'CDI', startDate: '2021-09-01', trialPeriod: { ongoing: false } },
      { kind: 'CDI', startDate: '2021-09-01', endDate: null, trialPeriod: { ongoing: false, endsOn: null } },
    ],
    [
      'a CDD with its end day and a trial period ending on a known day',
      { kind: 'CDD', startDate: '2026-01-01', endDate: '2026-06-30', trialPeriod: { ongoing: true, endsOn: '2026-07-01' } },
      { kind: 'CDD', startDate: '2026-01-01', endDate: '2026-06-30', trialPeriod: { ongoing: true, endsOn: '2026-07-01' } },
    ],
    [
      'another contract in its trial period with no end day',
      { kind: 'other', startDate: '2026-05-01', description: 'intérim', trialPeriod: { ongoing: true } },
      { kind: 'other', startDate: '2026-05-01', endDate: null, trialPeriod: { ongoing: true, endsOn: null } },
    ],
  ] as const)('keeps %s, absent dates as null and no description', (_, employment, expected) => {
    expect(factsOf({ situation: { employment } }).contract).toEqual(expected);
  });

  it('has no contract when "Ma situation" declares none', () => {
    expect(factsOf({ situation: { employment: undefined } }).contract).toBeNull();
  });
});

describe('scoring facts: the household', () => {
  it('keeps the applicant’s birth date and every spouse’s, not the children’s', () => {
    const facts = factsOf({ situation: { household: { members: [child, applicant, spouse, { ...spouse, birthDate: '2001-12-31' }] } } });
    expect(facts.applicantBirthDate).toBe('1999-03-02');
    expect(facts.spouseBirthDates).toEqual(['1970-07-14', '2001-12-31']);
  });

  it('derives the disability priority criterion from any member of the household', () => {
    expect(factsOf().priorityCriteria).toEqual([]);
    expect(factsOf({ situation: { household: { members: [applicant, { ...child, disability: true }] } } }).priorityCriteria).toEqual([
      'disability',
    ]);
  });
});

describe('scoring facts: declared priority criteria and their proofs', () => {
  const received = (type: DocumentFacts['type'], receivedAt = '2026-06-01T08:00:00.000Z'): DocumentFacts => ({
    documentId: `d-${type}`,
    type,
    status: 'RECEIVED',
    receivedAt,
  });

  it('keeps every declared criterion, and as proven only those whose proof was received', () => {
    const facts = factsOf({
      situation: { priorityCriteria: ['first-job', 'professional-mobility', 'domestic-violence'] },
      documents: [received('first-job-proof'), received('mobility-proof'), { ...received('domestic-violence-proof'), status: 'REQUESTED' }],
    });
    expect(facts.priorityCriteria).toEqual(['professional-mobility', 'domestic-violence', 'first-job']);
    expect(facts.provenPriorityCriteria).toEqual(['professional-mobility', 'first-job']);
  });

  it('does not count an expired proof (a temporary-accommodation attestation lasts 3 months)', () => {
    const situation = { priorityCriteria: ['temporary-accommodation' as const] };
    expect(
      factsOf({ situation, documents: [received('temporary-accommodation-proof', '2026-03-15T08:00:00.000Z')] }).provenPriorityCriteria,
    ).toEqual([]);
    expect(
      factsOf({ situation, documents: [received('temporary-accommodation-proof', '2026-03-16T08:00:00.000Z')] }).provenPriorityCriteria,
    ).toEqual(['temporary-accommodation']);
  });

  it('proves a household’s disability with the disability card, and the seniority with the NUD certificate', () => {
    const household = { members: [applicant, { ...child, disability: true }] };
    expect(factsOf({ situation: { household } })).toMatchObject({ provenPriorityCriteria: [], nudCertificateReceived: false });
    expect(factsOf({ situation: { household }, documents: [received('disability-card'), received('nud-certificate')] })).toMatchObject({
      provenPriorityCriteria: ['disability'],
      nudCertificateReceived: true,
    });
  });
});

describe('scoring facts: income and the offer’s ceiling, as eligibility computes them', () => {
  it('takes the ceiling of the household’s category in the offer’s zone and financing (one person, Paris, PLUS 2026)', () => {
    const facts = factsOf();
    expect(facts.ceilingEuros).toBe(ceilingFor({ year: 2026, financing: 'PLUS', category: 1, extraPersons: 0, zone: 'A' }).amountEuros);
    expect(facts.ceilingEuros).toBe(26_920);
    expect(facts.retainedIncomeEuros).toBe(20_000);
  });

  it('moves up one category for a disability in the household, and takes the zone of the commune', () => {
    const facts = factsOf({
      situation: { household: { members: [applicant, { ...child, disability: true }] } },
      offer: { commune: '69123', department: '69', financing: 'PLAI' },
    });
    // Two persons, one step up for the disability: category 3, zone C.
    expect(facts.ceilingEuros).toBe(ceilingFor({ year: 2026, financing: 'PLAI', category: 3, extraPersons: 0, zone: 'C' }).amountEuros);
  });

  it('uses the table of the year the offer was published in, in Paris time', () => {
    const lateIn2025 = factsOf({ offer: { publishedAt: '2025-12-31T22:30:00.000Z' } });
    const ceiling2025 = ceilingFor({ year: 2025, financing: 'PLUS', category: 1, extraPersons: 0, zone: 'A' }).amountEuros;
    const ceiling2026 = ceilingFor({ year: 2026, financing: 'PLUS', category: 1, extraPersons: 0, zone: 'A' }).amountEuros;
    expect(ceiling2025).not.toBe(ceiling2026);
    // 23:30 on 31 December in Paris is still 2025.
    expect(lateIn2025.ceilingEuros).toBe(ceiling2025);
    // 00:30 on 1 January in Paris is 2026, although it is still 2025 in UTC.
    expect(factsOf({ offer: { publishedAt: '2025-12-31T23:30:00.000Z' } }).ceilingEuros).toBe(ceiling2026);
  });

  it('gives the same ceiling and income as the eligibility verdict, whatever the household', () => {
    const households = [[applicant], [applicant, spouse], [applicant, spouse, child, child, child, child, child]];
    for (const members of households) {
      const changes = { household: { members }, income: { yearN2: 2024, rfrN2: 40_000, incomeN1: 30_000 } };
      const verdict = assessOffer(
        offer as Parameters<typeof assessOffer>[0],
        { siret, situation: { ...situation, ...changes } },
        now,
        geography,
      );
      const facts = factsOf({ situation: changes });
      expect(facts.ceilingEuros).toBe(verdict.ceiling?.amountEuros);
      // The income of year N-1, 25 % lower than the RFR, is retained in its place.
      expect(facts.retainedIncomeEuros).toBe(30_000);
    }
  });

  it('leaves the ceiling unknown for a commune outside the reference, the income still retained', () => {
    const facts = factsOf({ offer: { commune: '00000' } });
    expect(facts.ceilingEuros).toBeNull();
    expect(facts.retainedIncomeEuros).toBe(20_000);
  });
});

describe('scoring facts: recommendation and earlier selection', () => {
  it('counts the HR recommendation only when recorded', () => {
    expect(factsOf().recommended).toBe(false);
    expect(factsOf({ employee: { recommendedAt: '2026-03-01T09:00:00.000Z' } }).recommended).toBe(true);
  });

  it.each([
    [undefined, false],
    [false, false],
    [true, true],
    ['2026-02-01', true],
    ['', false],
  ] as const)('reads previousSelectionWithoutAttribution %j as %s', (value, expected) => {
    const chosen = value === undefined ? {} : { previousSelectionWithoutAttribution: value };
    expect(factsOf({ employee: chosen }).previouslySelectedWithoutAttribution).toBe(expected);
  });

  it('reads the lifecycle’s marker from the stored profile, and a malformed one as absent', () => {
    const item = { ...employeeToItem(employee), ...employeeKey(employee.id) };
    expect(employeeFromItem({ ...item, previousSelectionWithoutAttribution: '2026-02-01' }).previousSelectionWithoutAttribution).toBe(
      '2026-02-01',
    );
    const malformed = employeeFromItem({ ...item, previousSelectionWithoutAttribution: 42 });
    expect(malformed.previousSelectionWithoutAttribution).toBeUndefined();
    expect(factsOf({ employee: malformed }).previouslySelectedWithoutAttribution).toBe(false);
  });
});

describe('scoring facts: missing data', () => {
  it('turns an empty file into nulls and empty lists, never a guess', () => {
    const facts = factsOf({ situation: undefined, firstRegisteredOn: undefined });
    expect(facts).toEqual({
      siret,
      contract: null,
      retainedIncomeEuros: null,
      ceilingEuros: null,
      applicantBirthDate: null,
      spouseBirthDates: [],
      nudFirstRegisteredOn: null,
      recommended: false,
      previouslySelectedWithoutAttribution: false,
      priorityCriteria: [],
      provenPriorityCriteria: [],
      nudCertificateReceived: false,
      takenAt: '2026-06-15T10:00:00.000Z',
    });
  });

  it('has no ceiling without a household, and no income without a declaration', () => {
    expect(factsOf({ situation: { household: undefined } })).toMatchObject({
      ceilingEuros: null,
      retainedIncomeEuros: 20_000,
      applicantBirthDate: null,
    });
    expect(factsOf({ situation: { income: undefined } })).toMatchObject({ ceilingEuros: 26_920, retainedIncomeEuros: null });
  });

  it('keeps the NUD’s first registration for the seniority and the tie-break', () => {
    expect(factsOf({ firstRegisteredOn: '2022-11-30' }).nudFirstRegisteredOn).toBe('2022-11-30');
  });
});

describe('scoring facts: stored as plain JSON, scored later', () => {
  const facts = factsOf({
    situation: { household: { members: [applicant, spouse, { ...child, disability: true }] } },
    employee: { recommendedAt: '2026-03-01T09:00:00.000Z', previousSelectionWithoutAttribution: true },
    // The disability card and the NUD certificate received: the criterion and the seniority count.
    documents: (['disability-card', 'nud-certificate'] as const).map((type) => ({
      documentId: `d-${type}`,
      type,
      status: 'RECEIVED' as const,
      receivedAt: '2026-06-01T08:00:00.000Z',
    })),
  });

  it('survives a JSON round trip and its schema unchanged', () => {
    expect(scoringFactsSchema.parse(JSON.parse(JSON.stringify(facts)))).toEqual(facts);
  });

  it('rejects a snapshot with a priority criterion the grid does not know', () => {
    expect(scoringFactsSchema.safeParse({ ...facts, priorityCriteria: ['lottery'] }).success).toBe(false);
  });

  it.each([
    [{ lastContributionEuros: 12_000, headcount: 100 }, 120],
    [{ lastContributionEuros: 12_000, headcount: 0 }, 0],
    [undefined, 0],
  ] as const)('takes the contribution per employee from the company record %j: %s €', (company, perEmployee) => {
    expect(scoringInputOf(facts, company).employerContributionPerEmployeeEuros).toBe(perEmployee);
  });

  it('gives the scoring input every fact of the snapshot, with the criteria as a set', () => {
    const input = scoringInputOf(facts, { lastContributionEuros: 12_000, headcount: 100 });
    expect(input.priorityCriteria).toEqual(new Set(['disability']));
    expect(input).toMatchObject({
      contract: facts.contract,
      retainedIncomeEuros: 20_000,
      ceilingEuros: ceilingFor({ year: 2026, financing: 'PLUS', category: 4, extraPersons: 0, zone: 'A' }).amountEuros,
      applicantBirthDate: '1999-03-02',
      spouseBirthDates: ['1970-07-14'],
      nudFirstRegisteredOn: '2023-05-10',
      recommended: true,
      previouslySelectedWithoutAttribution: true,
    });
  });

  it('scores from the snapshot alone, at the close of the window', () => {
    const closesAt = new Date('2026-06-19T08:00:00Z');
    const score = scoreApplication(
      scoringInputOf(facts, { lastContributionEuros: 12_000, headcount: 100 }),
      gridInForce(closesAt),
      closesAt,
    );
    const points = Object.fromEntries(score.breakdown.map((line) => [line.criterion, line.points]));
    expect(points).toMatchObject({
      contract: 30,
      income: 20,
      'employer-contribution': 10,
      'age-applicant': 10,
      'age-spouses': 0,
      seniority: 37,
      'seniority-bonus': 20,
      recommendation: 10,
      'previous-selection': 5,
      priority: 20,
    });
  });
});
