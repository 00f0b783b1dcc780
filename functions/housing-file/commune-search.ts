import { createRequire } from 'node:module';
import * as z from 'zod';
import type { CommuneMatch } from './commune-schemas.ts';

/**
 * Finding a commune by what a person types: part of its name (accents, case, hyphens and
 * apostrophes ignored, "st" for "saint"), a postcode or an INSEE code. Pure over a list, so tests
 * use a few lines; `communeSearch()` builds the real one from `communes-search-2026.json`
 * (COG 2026 with population and postcodes, `data/reference/build-communes.mjs`).
 */
export const communeSearchRules = {
  /** Answers are suggestions to pick from while typing: a short list, the likeliest first. */
  maxResults: 10,
} as const;

interface IndexedCommune {
  readonly code: string;
  readonly department: string;
  readonly name: string;
  readonly population: number;
  readonly postcodes: readonly string[];
  /** The name as searched: `evry courcouronnes`, with a space before it so that ` word` finds a word's start. */
  readonly key: string;
}

export type CommuneSearch = (query: string) => CommuneMatch[];

const abbreviations: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

/** `Saint-Étienne-du-Rouvray`, `st etienne du  rouvray` and `SAINT ETIENNE` all read `saint etienne…`. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => abbreviations[word] ?? word)
    .join(' ');
}

/**
 * How well a commune answers a query, lower is better; undefined when it does not:
 * 0 the whole name, the code or a postcode; 1 the start of the name, code or a postcode;
 * 2 the start of a later word of the name (`courcouronnes`, `denis`).
 */
function rankOf(commune: IndexedCommune, key: string, code: string): number | undefined {
  if (commune.key === ` ${key}` || commune.code === code || commune.postcodes.includes(code)) return 0;
  if (commune.key.startsWith(` ${key}`)) return 1;
  if (code.length > 0 && (commune.code.startsWith(code) || commune.postcodes.some((postcode) => postcode.startsWith(code)))) return 1;
  if (commune.key.includes(` ${key}`)) return 2;
  return undefined;
}

/** The postcode shown beside a name: the one that matched the query, else the first. */
const postcodeFor = (commune: IndexedCommune, code: string) =>
  (code.length > 0 ? commune.postcodes.find((postcode) => postcode.startsWith(code)) : undefined) ?? commune.postcodes[0] ?? '';

const collator = new Intl.Collator('fr');

/** A search over parsed lines `code|department|name|population|postcode postcode…`. */
export function communeSearchOver(lines: readonly string[]): CommuneSearch {
  const communes: IndexedCommune[] = lines.map((line) => {
    const [code = '', department = '', name = '', population = '0', postcodes = ''] = line.split('|');
    return {
      code,
      department,
      name,
      population: Number(population),
      postcodes: postcodes.split(' ').filter(Boolean),
      key: ` ${searchKey(name)}`,
    };
  });
  return (query) => {
    const key = searchKey(query);
    if (key === '') return [];
    // A code is typed without spaces; `2a004` is the INSEE code of Ajaccio.
    const code = /^[0-9][0-9ab]?[0-9]*$/.test(key) ? key.toUpperCase() : '';
    const found: { commune: IndexedCommune; rank: number }[] = [];
    for (const commune of communes) {
      const rank = rankOf(commune, key, code);
      if (rank !== undefined) found.push({ commune, rank });
    }
    return found
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          b.commune.population - a.commune.population ||
          collator.compare(a.commune.name, b.commune.name) ||
          (a.commune.code < b.commune.code ? -1 : 1),
      )
      .slice(0, communeSearchRules.maxResults)
      .map(({ commune }) => ({
        code: commune.code,
        name: commune.name,
        department: commune.department,
        postcode: postcodeFor(commune, code),
      }));
  };
}

const fileSchema = z.object({ communes: z.array(z.string().regex(/^[0-9AB]{5}\|[0-9AB]{2,3}\|[^|]+\|\d+\|[0-9 ]*$/)) });

const requireData = createRequire(import.meta.url);
let loaded: CommuneSearch | undefined;

/**
 * The search over the COG 2026, built on the first call and kept for the life of the execution
 * environment. The 1.4 MB list is no part of the bundle: it is read through the `#data/*` imports
 * (package.json), copied beside this function's bundle only (lib/constructs/service-function.ts),
 * and read when the first search comes, not at cold start.
 */
function communeSearch(): CommuneSearch {
  loaded ??= communeSearchOver(fileSchema.parse(requireData('#data/reference/communes-search-2026.json')).communes);
  return loaded;
}

/**
 * The communes a typed text designates, best first:
 * 1. load the search on the first call of the execution environment;
 * 2. rank the communes the text matches (whole name or code, start, a later word);
 * 3. keep the first `communeSearchRules.maxResults`, the most populated first within a rank.
 */
export async function findCommunes(query: string): Promise<{ communes: CommuneMatch[] }> {
  return { communes: communeSearch()(query) };
}
