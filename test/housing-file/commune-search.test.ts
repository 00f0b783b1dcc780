import { describe, expect, it } from 'vitest';
import { communeSearchOver, communeSearchRules, findCommunes, searchKey } from '#housing-file/commune-search.ts';

/** A few lines in the file's format: `code|department|name|population|postcodes`. */
const search = communeSearchOver([
  '89163|89|Évry|480|89140',
  '91228|91|Évry-Courcouronnes|66000|91000 91080',
  '77175|77|Évry-Grégy-sur-Yerre|3321|77166',
  '93066|93|Saint-Denis|113000|93200 93210',
  '97411|974|Saint-Denis|150000|97400 97490',
  '45270|45|Saint-Denis-en-Val|7700|45560',
  '94038|94|L’Haÿ-les-Roses|31000|94240',
  '2A004|2A|Ajaccio|72000|20000 20090',
  '75056|75|Paris|2100000|75001 75002 75011',
]);
const names = (query: string) => search(query).map((commune) => `${commune.name} (${commune.department})`);

describe('finding a commune by what is typed', () => {
  it('ignores accents, case, hyphens and apostrophes, and reads "st" as "saint"', () => {
    expect(searchKey('  Saint-Étienne-du-Rouvray ')).toBe('saint etienne du rouvray');
    expect(searchKey('ST  etienne')).toBe('saint etienne');
    expect(names('EVRY-COUR')).toEqual(['Évry-Courcouronnes (91)']);
    expect(names('st denis')).toEqual(['Saint-Denis (974)', 'Saint-Denis (93)', 'Saint-Denis-en-Val (45)']);
    expect(names("l'hay")).toEqual(['L’Haÿ-les-Roses (94)']);
  });

  it('puts the whole name first, then names that start so, then a later word, the most populated first in each', () => {
    expect(names('evry')).toEqual(['Évry (89)', 'Évry-Courcouronnes (91)', 'Évry-Grégy-sur-Yerre (77)']);
    expect(names('courcouronnes')).toEqual(['Évry-Courcouronnes (91)']);
    expect(names('roses')).toEqual(['L’Haÿ-les-Roses (94)']);
  });

  it('finds by INSEE code or postcode, whole or started, and shows the postcode that matched', () => {
    expect(search('2a004')).toEqual([{ code: '2A004', name: 'Ajaccio', department: '2A', postcode: '20000' }]);
    expect(search('91080')).toEqual([{ code: '91228', name: 'Évry-Courcouronnes', department: '91', postcode: '91080' }]);
    expect(search('7501')).toEqual([{ code: '75056', name: 'Paris', department: '75', postcode: '75011' }]);
    expect(names('97')).toEqual(['Saint-Denis (974)']);
  });

  it('answers nothing for a text without letters or digits', () => {
    expect(search('--')).toEqual([]);
  });
});

describe('the search over the COG 2026', () => {
  it('finds Évry-Courcouronnes from "evry" and keeps at most the limit, the most populated first', async () => {
    const evry = (await findCommunes('evry')).communes;
    expect(evry).toContainEqual({ code: '91228', name: 'Évry-Courcouronnes', department: '91', postcode: '91000' });
    const saint = (await findCommunes('saint')).communes;
    expect(saint).toHaveLength(communeSearchRules.maxResults);
    expect(saint[0]).toMatchObject({ name: 'Saint-Étienne', department: '42' });
  });
});
