import * as z from 'zod';
import ceilings2025 from '../../../data/reference/income-ceilings-2025.json' with { type: 'json' };
import ceilings2026 from '../../../data/reference/income-ceilings-2026.json' with { type: 'json' };
import type { Zone } from './geography.ts';
import { timeZone, yearIn } from '#shared/calendar.ts';

/**
 * Income ceilings (plafonds de ressources) as versioned data, one file per year in
 * `data/reference/income-ceilings-<year>.json` (see `data/reference/income-ceilings-README.md`).
 * Each figure says whether it comes from the official table; the answer names the table version,
 * so the API can say which ceiling it applied and whether it is an estimate.
 */
export type Financing = 'PLAI' | 'PLUS' | 'PLS';

const figureSchema = z.object({
  amountEuros: z.int().positive(),
  official: z.boolean(),
  derivation: z.string().optional(),
});
const zoneTableSchema = z.object({ categories: z.array(figureSchema).length(6), perExtraPerson: figureSchema });
const financingTableSchema = z.object({ A: zoneTableSchema, B: zoneTableSchema, C: zoneTableSchema });
const ceilingTableSchema = z.object({
  version: z.string().min(1),
  year: z.int(),
  inForceFrom: z.iso.date(),
  sources: z.record(z.string(), z.string()),
  ceilings: z.object({ PLAI: financingTableSchema, PLUS: financingTableSchema, PLS: financingTableSchema }),
});
export type CeilingTable = z.output<typeof ceilingTableSchema>;

/** The tables shipped with the platform, oldest first. */
export const ceilingTables: readonly CeilingTable[] = [ceilings2025, ceilings2026]
  .map((table) => ceilingTableSchema.parse(table))
  .sort((a, b) => a.year - b.year);

export interface CeilingQuery {
  /** Year whose ceilings apply: the year of the offer's publication (see `ceilingYearOf`). */
  readonly year: number;
  readonly financing: Financing;
  /** Household category 1 to 6 (`householdCategory` of `#identity/household.ts`). */
  readonly category: number;
  /** People beyond category 6. */
  readonly extraPersons: number;
  readonly zone: Zone;
}

export interface Ceiling {
  readonly amountEuros: number;
  /** False when any figure used is an estimate rather than the official table's. */
  readonly official: boolean;
  /** Version of the table applied (e.g. '2026'). */
  readonly version: string;
  readonly financing: Financing;
  readonly category: number;
  readonly extraPersons: number;
  readonly zone: Zone;
}

export class NoCeilingTableError extends Error {
  override readonly name = 'NoCeilingTableError';
}

/**
 * The table in force in `year`: that year's, or else the latest earlier one (ceilings stay in
 * force until the next arrêté).
 */
export function ceilingTableFor(year: number, tables: readonly CeilingTable[] = ceilingTables): CeilingTable {
  const table = tables.filter((candidate) => candidate.year <= year).at(-1);
  if (!table) throw new NoCeilingTableError(`No income-ceiling table in force in ${year}.`);
  return table;
}

/**
 * The ceiling for a household: the category's figure, plus the per-extra-person figure for each
 * person beyond category 6.
 */
export function ceilingFor(query: CeilingQuery, tables: readonly CeilingTable[] = ceilingTables): Ceiling {
  if (!Number.isInteger(query.category) || query.category < 1 || query.category > 6) {
    throw new RangeError(`Household category must be 1 to 6, got ${query.category}.`);
  }
  if (!Number.isInteger(query.extraPersons) || query.extraPersons < 0) {
    throw new RangeError(`Extra persons must be a whole number, got ${query.extraPersons}.`);
  }
  const table = ceilingTableFor(query.year, tables);
  const zoneTable = table.ceilings[query.financing][query.zone];
  const base = zoneTable.categories[query.category - 1];
  if (!base) throw new RangeError(`No figure for category ${query.category}.`);
  const extra = query.extraPersons > 0 ? zoneTable.perExtraPerson : undefined;
  return {
    amountEuros: base.amountEuros + (extra ? extra.amountEuros * query.extraPersons : 0),
    official: base.official && (extra?.official ?? true),
    version: table.version,
    financing: query.financing,
    category: query.category,
    extraPersons: query.extraPersons,
    zone: query.zone,
  };
}

/**
 * The year whose ceilings an offer applies: the calendar year of its publication in France
 * (an offer published on 31 December at 23:30 in Paris keeps that year's ceilings).
 */
export function ceilingYearOf(publishedAt: Date, zone = timeZone): number {
  return yearIn(zone, publishedAt);
}
