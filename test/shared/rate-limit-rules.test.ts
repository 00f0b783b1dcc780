import { describe, expect, it } from 'vitest';
import { isOverLimit, limitSubject, retryAfterSeconds, tooManyRequestsMessage, windowAt } from '#shared/rate-limit-rules.ts';
import type { RateLimit } from '#shared/route.ts';

const at = (iso: string) => new Date(iso);

describe('fixed windows', () => {
  it('aligns windows on multiples of their length, so that every function counts in the same one', () => {
    const window = windowAt(at('2026-12-03T10:07:30Z'), 900);
    expect(new Date(window.start * 1000).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(new Date(window.end * 1000).toISOString()).toBe('2026-12-03T10:15:00.000Z');
    expect(windowAt(at('2026-12-03T10:14:59.999Z'), 900)).toEqual(window);
    expect(windowAt(at('2026-12-03T10:15:00Z'), 900).start).toBe(window.end);
  });

  it('asks to retry when the window ends, in whole seconds and never 0', () => {
    const now = at('2026-12-03T10:07:30.200Z');
    const window = windowAt(now, 900);
    expect(retryAfterSeconds(now, window)).toBe(450);
    expect(retryAfterSeconds(at('2026-12-03T10:14:59.900Z'), window)).toBe(1);
  });

  it('says in French how many minutes to wait, rounded up', () => {
    expect(tooManyRequestsMessage(450)).toBe('Trop de tentatives. Réessayez dans 8 minutes.');
    expect(tooManyRequestsMessage(30)).toBe('Trop de tentatives. Réessayez dans 1 minute.');
  });

  it('refuses the attempt that goes over the maximum, not the one that reaches it', () => {
    const limit: RateLimit = { by: 'ip', max: 5, windowSeconds: 900 };
    expect(isOverLimit(limit, 5)).toBe(false);
    expect(isOverLimit(limit, 6)).toBe(true);
  });
});

describe('what a limit counts by', () => {
  const request = { sourceIp: '203.0.113.7', body: { email: 'a@example.org', count: 3 }, params: { siret: '43219876500013' } };

  it('reads the client address, a body field or a path parameter', () => {
    expect(limitSubject({ by: 'ip', max: 1, windowSeconds: 60 }, request)).toBe('203.0.113.7');
    expect(limitSubject({ by: 'body.email', max: 1, windowSeconds: 60 }, request)).toBe('a@example.org');
    expect(limitSubject({ by: 'params.siret', max: 1, windowSeconds: 60 }, request)).toBe('43219876500013');
  });

  it('does not count by a field that is missing, empty or not text', () => {
    expect(limitSubject({ by: 'body.token', max: 1, windowSeconds: 60 }, request)).toBeUndefined();
    expect(limitSubject({ by: 'body.count', max: 1, windowSeconds: 60 }, request)).toBeUndefined();
    expect(limitSubject({ by: 'body.email', max: 1, windowSeconds: 60 }, { ...request, body: undefined })).toBeUndefined();
    expect(limitSubject({ by: 'ip', max: 1, windowSeconds: 60 }, { ...request, sourceIp: '' })).toBeUndefined();
  });
});
