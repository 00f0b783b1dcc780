import { describe, expect, it } from 'vitest';
import { clearedRefreshCookie, refreshCookie, refreshTokenOf } from '#identity/sessions.ts';

describe('the refresh-token cookie', () => {
  it('is HttpOnly, Secure, SameSite=Strict and scoped to /auth, and is cleared with the same scope', () => {
    expect(refreshCookie('abc.def')).toBe('alin_refresh=abc.def; HttpOnly; Secure; SameSite=Strict; Path=/auth');
    expect(clearedRefreshCookie).toBe('alin_refresh=; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=0');
  });

  it('is read when the body carries no token; the body’s token wins otherwise', () => {
    const cookies = ['theme=dark', 'alin_refresh=from-cookie'];
    expect(refreshTokenOf({}, cookies)).toBe('from-cookie');
    expect(refreshTokenOf({ refreshToken: 'from-body' }, cookies)).toBe('from-body');
    expect(refreshTokenOf({}, ['alin_refresh=', 'other=1'])).toBeUndefined();
    expect(refreshTokenOf({}, ['xalin_refresh=nope'])).toBeUndefined();
  });
});
