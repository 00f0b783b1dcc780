import { resolveCommune } from '#housing-file/communes.ts';

/**
 * Where a commune lies, for the offers: its department, its neighbours (rule R7) and its zone for
 * the income ceilings (`data/reference/income-ceilings-README.md`).
 *
 * The adjacency file (`data/geo/communes-limitrophes.json`, about 2 MB) is imported dynamically
 * on the first `loadGeography()` and kept for the life of the execution environment, so functions
 * that never classify offers do not pay for it at cold start. It is no part of the bundle either: a
 * `#data/*` import (package.json), copied beside the bundles that name it
 * (lib/constructs/service-function.ts). Once loaded, every lookup is synchronous.
 */
export type Zone = 'A' | 'B' | 'C';

const parisCode = '75056';
/** Île-de-France: zone B outside zone A. */
const ileDeFranceDepartments: ReadonlySet<string> = new Set(['75', '77', '78', '91', '92', '93', '94', '95']);

export interface Geography {
  /** The commune a code designates (an arrondissement or delegated commune gives its commune); undefined if unknown. */
  communeOf(code: string): string | undefined;
  /** Communes bordering the commune of `code`, sorted; empty when unknown or not covered. */
  neighboursOf(code: string): readonly string[];
  /** Department of the commune of `code` (e.g. '92', '2A', '974'); undefined if unknown. */
  departmentOf(code: string): string | undefined;
  /** A = Paris and the communes bordering it; B = the rest of Île-de-France; C = elsewhere. */
  zoneOf(code: string): Zone | undefined;
}

export type Adjacency = Readonly<Record<string, readonly string[]>>;

/** A geography over an adjacency list (the real file, or a small one in tests). */
export function geographyFrom(adjacency: Adjacency): Geography {
  const communeOf = (code: string) => resolveCommune(code.trim().toUpperCase())?.commune.code;
  const departmentOf = (code: string) => resolveCommune(code.trim().toUpperCase())?.commune.department;
  const neighboursOf = (code: string): readonly string[] => {
    const commune = communeOf(code);
    return (commune !== undefined && Object.hasOwn(adjacency, commune) ? adjacency[commune] : undefined) ?? [];
  };
  const zoneA = new Set([parisCode, ...neighboursOf(parisCode)]);
  const zoneOf = (code: string): Zone | undefined => {
    const commune = communeOf(code);
    const department = departmentOf(code);
    if (commune === undefined || department === undefined) return undefined;
    if (zoneA.has(commune)) return 'A';
    return ileDeFranceDepartments.has(department) ? 'B' : 'C';
  };
  return { communeOf, neighboursOf, departmentOf, zoneOf };
}

let loading: Promise<Geography> | undefined;

/** The geography over `data/geo/communes-limitrophes.json`, loaded once. */
export function loadGeography(): Promise<Geography> {
  loading ??= import('#data/geo/communes-limitrophes.json', { with: { type: 'json' } }).then(
    (module) => geographyFrom(module.default),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
