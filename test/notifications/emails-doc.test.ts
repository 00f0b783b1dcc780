import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templates } from '#notifications/templates.ts';

const doc = readFileSync(new URL('../../docs/emails.md', import.meta.url), 'utf8');

describe('docs/emails.md', () => {
  it('lists every e-mail template with its recipient, trigger and link path', () => {
    const missing = Object.keys(templates).filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
