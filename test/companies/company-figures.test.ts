import { describe, expect, it } from 'vitest';
import { companyFiguresAt, type Company } from '#companies/company-store.ts';
import { gridInForce } from '#scoring/grid.ts';
import { scoreApplication } from '#scoring/score.ts';
import { scoringInputOf, type ScoringFacts } from '#scoring/scoring-facts.ts';

const declared: Company = {
  siret: '73282932000074',
  name: 'Entreprise',
  sector: 'private',
  headcount: 100,
  contributor: true,
  lastContributionEuros: 25_000, // 250 € per employee: top band
  lastContributionYear: 2025,
  declaredAt: '2026-01-05T09:00:00.000Z',
  declaredBy: 'operator-1',
};

// Two changes: 10 000 € on 1 March (100 € each), then 4 000 € and 80 employees on 1 June (50 € each).
const changed: Company = {
  ...declared,
  headcount: 80,
  lastContributionEuros: 4_000,
  updatedAt: '2026-06-01T08:00:00.000Z',
  revision: 2,
  previousFigures: [
    {
      sector: 'private',
      headcount: 100,
      contributor: true,
      lastContributionEuros: 25_000,
      lastContributionYear: 2025,
      until: '2026-03-01T08:00:00.000Z',
    },
    {
      sector: 'private',
      headcount: 100,
      contributor: true,
      lastContributionEuros: 10_000,
      lastContributionYear: 2025,
      until: '2026-06-01T08:00:00.000Z',
    },
  ],
};

describe('the company figures in force at an instant', () => {
  it('answers the figures superseded after the instant, else the current ones', () => {
    expect(companyFiguresAt(changed, new Date('2026-02-28T12:00:00Z'))).toMatchObject({ headcount: 100, lastContributionEuros: 25_000 });
    // A change takes effect at its instant: the figures it replaced stop then.
    expect(companyFiguresAt(changed, new Date('2026-03-01T07:59:59.999Z')).lastContributionEuros).toBe(25_000);
    expect(companyFiguresAt(changed, new Date('2026-03-01T08:00:00Z')).lastContributionEuros).toBe(10_000);
    expect(companyFiguresAt(changed, new Date('2026-06-01T08:00:00Z'))).toMatchObject({ headcount: 80, lastContributionEuros: 4_000 });
    expect(companyFiguresAt(declared, new Date('2020-01-01T00:00:00Z'))).toBe(declared);
  });

  it('gives the robot’s employer criterion the figure in force when the window closed, whatever changed since', () => {
    const facts: ScoringFacts = {
      siret: declared.siret,
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
      nudCertificateReceived: true,
      takenAt: '2026-01-10T09:00:00.000Z',
    };
    const contributionAt = (closesAt: string) => {
      const at = new Date(closesAt);
      const input = scoringInputOf(facts, companyFiguresAt(changed, at));
      return scoreApplication(input, gridInForce(at), at).breakdown.find((line) => line.criterion === 'employer-contribution')?.points;
    };
    expect(contributionAt('2026-02-20T12:00:00Z')).toBe(15); // 250 €
    expect(contributionAt('2026-05-20T12:00:00Z')).toBe(10); // 100 €
    expect(contributionAt('2026-06-20T12:00:00Z')).toBe(5); // 50 €
  });
});
