import { describe, expect, it } from 'vitest';
import { browseQuerySchema, encodeTabCursor } from '#applications/browse-schemas.ts';
import { encodeCursor, fromBase64Url, pageCursorSchema, toBase64Url } from '#shared/page-cursor.ts';

describe('page cursors without Buffer (browser-safe)', () => {
  it('encode exactly as Node’s base64url, accents included', () => {
    for (const text of ['{"o":0}', '{"PK":"EMPLOYEE#é","SK":"Ω"}', 'a', 'ab', 'abc', '??>>']) {
      expect(toBase64Url(text)).toBe(Buffer.from(text).toString('base64url'));
      expect(fromBase64Url(Buffer.from(text).toString('base64url'))).toBe(text);
    }
  });

  it('read back what they wrote, and refuse what is not a cursor', () => {
    const key = { PK: 'OFFER#1', SK: 'APPLICATION#é' };
    expect(pageCursorSchema.parse(encodeCursor(key))).toEqual(key);
    expect(browseQuerySchema.parse({ cursor: encodeTabCursor(40) }).cursor).toBe(40);
    for (const bad of ['%%%', 'a', toBase64Url('not json'), toBase64Url('{}')]) {
      expect(pageCursorSchema.safeParse(bad).success).toBe(false);
    }
    expect(browseQuerySchema.safeParse({ cursor: '!!' }).success).toBe(false);
  });
});
