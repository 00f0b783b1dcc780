import { describe, expect, it } from 'vitest';
import { routes, routeList } from '#definitions/routes.ts';
import { badRequests, isRefused } from './bad-inputs.ts';

const withId = (id: keyof typeof routes) => ({ id, ...routes[id] });

describe('the bad-input generator', () => {
  it('gives the same requests for the same seed, and others for another', () => {
    const route = withId('putSituation');
    expect(badRequests(route, routeList, 7, 50)).toEqual(badRequests(route, routeList, 7, 50));
    expect(badRequests(route, routeList, 8, 50)).not.toEqual(badRequests(route, routeList, 7, 50));
  });

  it('covers every kind on a route with params and a body, each request refused by the route', () => {
    const route = withId('decideCommission');
    const requests = badRequests(route, routeList, 1, 200);
    expect(requests.length).toBeGreaterThanOrEqual(200);
    expect(new Set(requests.map((request) => request.kind))).toEqual(
      new Set([
        'path',
        'params',
        'raw params',
        'body fields',
        'body not an object',
        'invalid JSON',
        'empty body',
        'deep nesting',
        'huge numbers',
        'wrong content type',
        'over 1 MB',
      ]),
    );
    expect(requests.filter((request) => isRefused(route, routeList, request) !== true)).toEqual([]);
  });

  it('tells a request the route accepts from one it refuses', () => {
    const route = withId('browseOffers');
    const base = { kind: 'query', method: 'GET' };
    expect(isRefused(route, routeList, { ...base, url: '/offers?tab=requested&limit=10' })).toBe(false);
    expect(isRefused(route, routeList, { ...base, url: '/offers?limit=0' })).toBe(true);
    expect(isRefused(route, routeList, { ...base, url: '/offers/x/y' })).toBe(true);
    expect(isRefused(route, routeList, { ...base, url: '/offers/00000000-0000-4000-8000-000000000000' })).toBe('other');
  });
});
