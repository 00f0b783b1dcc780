import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { communeByCode, resolveCommune } from '#housing-file/communes.ts';
import { situationProblems } from '#housing-file/situation-checks.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { situationInputSchema } from '#housing-file/situation-schemas.ts';

describe('commune codes checked against the COG 2026', () => {
  it('knows a commune by its INSEE code, Corsican codes included', () => {
    expect(resolveCommune('69123')).toEqual({ commune: { code: '69123', name: 'Lyon', department: '69' } });
    expect(resolveCommune('2A004')?.commune).toEqual({ code: '2A004', name: 'Ajaccio', department: '2A' });
    expect(resolveCommune('97411')?.commune.department).toBe('974');
  });

  it.each([
    ['75111', '75056', 'Paris'],
    ['69381', '69123', 'Lyon'],
    ['13201', '13055', 'Marseille'],
  ])('maps the arrondissement %s to its commune %s (%s)', (arrondissement, commune, name) => {
    expect(resolveCommune(arrondissement)).toEqual({
      commune: { code: commune, name, department: commune.slice(0, 2) },
      typedCode: arrondissement,
    });
  });

  it('maps a delegated commune to the new commune it belongs to', () => {
    expect(resolveCommune('01039')?.commune.code).toBe('01138');
  });

  it('knows no commune for an unknown code, nor for an overseas collectivity outside the COG list', () => {
    expect(resolveCommune('75000')).toBeUndefined();
    expect(resolveCommune('99999')).toBeUndefined();
    expect(resolveCommune('98735')).toBeUndefined();
  });

  it('refuses an unknown code in the search criteria with a message naming its position', () => {
    const input = situationInputSchema.parse({
      searchCriteria: { kinds: ['house'], typologies: ['T3'], communes: ['75056', '75000'], minSurfaceM2: 50, maxRentEuros: 1_000 },
    });
    const problems = situationProblems(input, { today: '2026-06-01', stored: {}, rules: situationRules });
    expect(problems.invalid).toEqual([
      {
        field: 'body.searchCriteria.communes.1',
        message: 'Le code INSEE 75000 ne désigne aucune commune du Code officiel géographique 2026.',
      },
    ]);
  });

  it('refuses a code that is not 5 characters before looking it up', () => {
    const parsed = situationInputSchema.safeParse({
      searchCriteria: { kinds: ['house'], typologies: ['T3'], communes: ['7505'], minSurfaceM2: 50, maxRentEuros: 1_000 },
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['searchCriteria.communes.0']);
  });
});

/** The package both reference files are built from (data/reference/build-communes.mjs). */
async function packageCommunes() {
  const require = createRequire(import.meta.url);
  return z
    .array(
      z.object({
        code: z.string(),
        nom: z.string(),
        type: z.string(),
        zone: z.string(),
        departement: z.string(),
        commune: z.string().optional(),
        chefLieu: z.string().optional(),
        population: z.number().optional(),
        codesPostaux: z.array(z.string()).optional(),
      }),
    )
    .parse(JSON.parse(await readFile(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8')));
}

describe('the bundled commune list', () => {
  it('matches the installed @etalab/decoupage-administratif package it was built from', async () => {
    const entries = await packageCommunes();
    const current = entries.filter((entry) => entry.type === 'commune-actuelle' && entry.zone !== 'com');
    for (const entry of current) {
      expect(communeByCode(entry.code)).toEqual({ code: entry.code, name: entry.nom, department: entry.departement });
    }
    const currentCodes = new Set(current.map((entry) => entry.code));
    for (const entry of entries.filter((candidate) => candidate.type === 'arrondissement-municipal')) {
      expect(resolveCommune(entry.code)?.commune.code).toBe(entry.commune);
    }
    for (const entry of entries.filter((candidate) => candidate.zone === 'com')) {
      if (!currentCodes.has(entry.code)) expect(resolveCommune(entry.code)).toBeUndefined();
    }
  });

  it('has a search list (GET /communes) with the same communes, their population and postcodes', async () => {
    const expected = (await packageCommunes())
      .filter((entry) => entry.type === 'commune-actuelle' && entry.zone !== 'com')
      .map((entry) =>
        [entry.code, entry.departement, entry.nom, entry.population ?? 0, [...(entry.codesPostaux ?? [])].sort().join(' ')].join('|'),
      )
      .sort();
    const file = z
      .object({ communes: z.array(z.string()) })
      .parse(JSON.parse(await readFile(new URL('../../data/reference/communes-search-2026.json', import.meta.url), 'utf8')));
    expect(file.communes).toEqual(expected);
  });
});
