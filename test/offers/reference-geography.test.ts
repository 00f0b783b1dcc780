import { describe, expect, it } from 'vitest';
import { geographyFrom, loadGeography } from '#offers/reference/geography.ts';

const geography = await loadGeography();

describe('geography of the offers (neighbours, departments, zones)', () => {
  it('lists the communes bordering Paris, Boulogne-Billancourt among them', () => {
    const neighbours = geography.neighboursOf('75056');
    expect(neighbours).toContain('92012');
    expect(neighbours).toContain('94080');
    expect(neighbours).not.toContain('92063');
    expect(neighbours).toHaveLength(29);
  });

  it('maps a Paris arrondissement to Paris before looking up its neighbours and department', () => {
    expect(geography.communeOf('75111')).toBe('75056');
    expect(geography.neighboursOf('75111')).toEqual(geography.neighboursOf('75056'));
    expect(geography.departmentOf('75111')).toBe('75');
    expect(geography.zoneOf('75111')).toBe('A');
  });

  it('gives the department of a commune, Corsica and overseas included', () => {
    expect(geography.departmentOf('92063')).toBe('92');
    expect(geography.departmentOf('2A004')).toBe('2A');
    expect(geography.departmentOf('97411')).toBe('974');
  });

  it.each([
    ['75056', 'A', 'Paris'],
    ['92012', 'A', 'Boulogne-Billancourt, bordering Paris'],
    ['93066', 'A', 'Saint-Denis, bordering Paris'],
    ['92063', 'B', 'Rueil-Malmaison, in Île-de-France but not bordering Paris'],
    ['77288', 'B', 'Melun'],
    ['69123', 'C', 'Lyon'],
    ['13055', 'C', 'Marseille'],
  ])('puts %s in zone %s (%s)', (code, zone) => {
    expect(geography.zoneOf(code)).toBe(zone);
  });

  it('knows nothing of an unknown code', () => {
    expect(geography.zoneOf('75000')).toBeUndefined();
    expect(geography.departmentOf('75000')).toBeUndefined();
    expect(geography.neighboursOf('75000')).toEqual([]);
  });

  it('loads the adjacency file once', async () => {
    expect(await loadGeography()).toBe(geography);
  });

  it('derives zone A from the neighbours of Paris in the adjacency it is given', () => {
    const small = geographyFrom({ '75056': ['92063'], '92063': ['75056'] });
    expect(small.zoneOf('92063')).toBe('A');
    expect(small.zoneOf('92012')).toBe('B');
  });
});
