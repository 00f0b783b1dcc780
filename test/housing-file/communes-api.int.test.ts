import { describe, expect, it } from 'vitest';
import { communeSearchRules } from '#housing-file/commune-search.ts';
import { api, tokenOf } from '../support/api.ts';

const search = async (q: string | undefined, account = 'employee') =>
  api('GET', q === undefined ? '/communes' : `/communes?${new URLSearchParams({ q })}`, { token: await tokenOf(account) });

describe('GET /communes', () => {
  it('finds Évry-Courcouronnes from "evry" typed without accent or capital', async () => {
    const response = await search('evry');
    expect(response.status).toBe(200);
    expect(response.body.communes).toContainEqual({ code: '91228', name: 'Évry-Courcouronnes', department: '91', postcode: '91000' });
  });

  it('finds a commune by the start of its INSEE code or of a postcode', async () => {
    const byCode = await search('9122');
    expect(byCode.body.communes.map((commune: { code: string }) => commune.code)).toContain('91228');
    const byPostcode = await search('92100');
    expect(byPostcode.body.communes).toEqual([{ code: '92012', name: 'Boulogne-Billancourt', department: '92', postcode: '92100' }]);
  });

  it(`answers at most ${communeSearchRules.maxResults} communes, the whole name first`, async () => {
    const response = await search('Saint');
    expect(response.status).toBe(200);
    expect(response.body.communes).toHaveLength(communeSearchRules.maxResults);
    const paris = await search('paris');
    expect(paris.body.communes[0]).toMatchObject({ code: '75056', name: 'Paris' });
  });

  it('answers a landlord too (the offer form names a commune)', async () => {
    const response = await search('lyon', 'landlord');
    expect(response.status).toBe(200);
    expect(response.body.communes[0]).toMatchObject({ code: '69123', name: 'Lyon' });
  });

  it.each([
    ['a one-letter text', 'e', 'Saisissez au moins 2 caractères.'],
    ['blanks around one letter', '  e  ', 'Saisissez au moins 2 caractères.'],
    ['a text over 60 characters', 'a'.repeat(61), 'Saisissez au plus 60 caractères.'],
    ['no text', undefined, 'Saisissez le début du nom, le code postal ou le code INSEE de la commune.'],
  ])('refuses %s with a French message on the field (400)', async (_, q, message) => {
    const response = await search(q);
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ field: 'query.q', message }]);
  });

  it('refuses a caller without a token (401)', async () => {
    const response = await api('GET', '/communes?q=evry');
    expect(response.status).toBe(401);
  });
});
