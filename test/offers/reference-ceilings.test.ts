import { describe, expect, it } from 'vitest';
import { ceilingFor, ceilingTableFor, ceilingTables, ceilingYearOf, NoCeilingTableError } from '#offers/reference/ceilings.ts';

const plus2026 = {
  A: [26_920, 40_233, 52_740, 62_968, 74_919, 84_304],
  B: [26_920, 40_233, 48_362, 57_930, 68_577, 77_171],
  C: [23_403, 31_254, 37_584, 45_374, 53_376, 60_156],
} as const;
const zones = ['A', 'B', 'C'] as const;
const categories = [1, 2, 3, 4, 5, 6] as const;

describe('income ceilings, versioned by year', () => {
  it.each(zones.flatMap((zone) => categories.map((category) => [zone, category] as const)))(
    'gives the official 2026 PLUS ceiling for zone %s, category %i',
    (zone, category) => {
      expect(ceilingFor({ year: 2026, financing: 'PLUS', category, extraPersons: 0, zone })).toEqual({
        amountEuros: plus2026[zone][category - 1],
        official: true,
        version: '2026',
        financing: 'PLUS',
        category,
        extraPersons: 0,
        zone,
      });
    },
  );

  it('keeps the 2025 figures in their own version', () => {
    const ceiling = ceilingFor({ year: 2025, financing: 'PLUS', category: 3, extraPersons: 0, zone: 'A' });
    expect(ceiling).toMatchObject({ amountEuros: 52_284, version: '2025', official: true });
  });

  it('adds the per-extra-person amount beyond category 6', () => {
    expect(ceilingFor({ year: 2026, financing: 'PLUS', category: 6, extraPersons: 2, zone: 'B' }).amountEuros).toBe(77_171 + 2 * 8_598);
    expect(ceilingFor({ year: 2025, financing: 'PLUS', category: 6, extraPersons: 1, zone: 'C' }).amountEuros).toBe(59_636 + 6_652);
  });

  it.each(zones.flatMap((zone) => categories.map((category) => [zone, category] as const)))(
    'sets the PLS ceiling at 130 %% of PLUS, rounded to the euro (zone %s, category %i)',
    (zone, category) => {
      for (const year of [2025, 2026]) {
        const plus = ceilingFor({ year, financing: 'PLUS', category, extraPersons: 0, zone }).amountEuros;
        const pls = ceilingFor({ year, financing: 'PLS', category, extraPersons: 0, zone });
        expect(pls.amountEuros).toBe(Math.round(plus * 1.3));
        expect(pls.official).toBe(true);
      }
    },
  );

  it('marks the known 2025 PLAI category-1 figures official', () => {
    expect(ceilingFor({ year: 2025, financing: 'PLAI', category: 1, extraPersons: 0, zone: 'A' })).toMatchObject({
      amountEuros: 14_683,
      official: true,
    });
    expect(ceilingFor({ year: 2025, financing: 'PLAI', category: 1, extraPersons: 0, zone: 'B' })).toMatchObject({
      amountEuros: 14_683,
      official: true,
    });
    expect(ceilingFor({ year: 2025, financing: 'PLAI', category: 1, extraPersons: 0, zone: 'C' })).toMatchObject({
      amountEuros: 12_759,
      official: true,
    });
  });

  it('marks every other PLAI figure as an estimate at 55 % of PLUS', () => {
    for (const table of ceilingTables) {
      for (const zone of zones) {
        const figures = [...table.ceilings.PLAI[zone].categories, table.ceilings.PLAI[zone].perExtraPerson];
        const plus = [...table.ceilings.PLUS[zone].categories, table.ceilings.PLUS[zone].perExtraPerson];
        figures.forEach((figure, index) => {
          const knownOfficial = table.year === 2025 && index === 0;
          expect(figure.official).toBe(knownOfficial);
          if (!knownOfficial) expect(figure.amountEuros).toBe(Math.round((plus[index]?.amountEuros ?? NaN) * 0.55));
        });
      }
    }
  });

  it('calls a ceiling unofficial when only its extra-person part is an estimate', () => {
    const base = ceilingTableFor(2026);
    const plus = base.ceilings.PLUS;
    const table = {
      ...base,
      ceilings: { ...base.ceilings, PLUS: { ...plus, A: { ...plus.A, perExtraPerson: { amountEuros: 9_000, official: false } } } },
    };
    expect(ceilingFor({ year: 2026, financing: 'PLUS', category: 6, extraPersons: 0, zone: 'A' }, [table]).official).toBe(true);
    expect(ceilingFor({ year: 2026, financing: 'PLUS', category: 6, extraPersons: 1, zone: 'A' }, [table])).toMatchObject({
      amountEuros: 84_304 + 9_000,
      official: false,
    });
  });

  it('applies the latest table when a year has none yet, and refuses a year before any table', () => {
    expect(ceilingTableFor(2027).version).toBe('2026');
    expect(() => ceilingTableFor(2024)).toThrow(NoCeilingTableError);
  });

  it('refuses a category outside 1 to 6', () => {
    expect(() => ceilingFor({ year: 2026, financing: 'PLUS', category: 7, extraPersons: 0, zone: 'A' })).toThrow(RangeError);
    expect(() => ceilingFor({ year: 2026, financing: 'PLUS', category: 0, extraPersons: 0, zone: 'A' })).toThrow(RangeError);
  });

  it('takes the publication year on the Paris calendar', () => {
    expect(ceilingYearOf(new Date('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(ceilingYearOf(new Date('2025-12-31T22:30:00Z'))).toBe(2025);
  });
});
