import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TemplateName } from '#notifications/outbox.ts';
import { templates } from '#notifications/templates.ts';
import { pagePaths } from '#shared/page-paths.ts';
import { templateLinks } from '../support/email-links.ts';

const doc = readFileSync(new URL('../../docs/emails.md', import.meta.url), 'utf8');

interface Row {
  readonly templates: string[];
  readonly recipient: string;
  readonly linkPaths: string[];
}

/** The backticked words of a cell. */
const quoted = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);

/** Every row of the document's tables, read through each table's header (Template, Recipient, Link path). */
function rows(markdown: string): Row[] {
  const found: Row[] = [];
  let header: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (!header) {
      header = cells;
      expect(header, 'each table names its template, recipient and link path').toEqual(
        expect.arrayContaining(['Template', 'Recipient', 'Link path']),
      );
      continue;
    }
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    const cell = (name: string) => cells[header!.indexOf(name)] ?? '';
    found.push({
      templates: quoted(cell('Template')),
      recipient: cell('Recipient'),
      linkPaths: quoted(cell('Link path')).filter((text) => text.startsWith('/')),
    });
  }
  return found;
}

/** How the document writes a link: its page path with `{offerId}` for the offer, `<token>` for the password link's token. */
function asWritten(url: string): string {
  const { pathname, searchParams } = new URL(url);
  const query = [...searchParams.keys()].map((key) => `${key}=<${key === 'jeton' ? 'token' : key}>`).join('&');
  return `${decodeURIComponent(pathname)}${query ? `?${query}` : ''}`;
}

const documented = rows(doc);
const links = templateLinks('http://app.test', '{offerId}');

describe('docs/emails.md', () => {
  it('has one row per e-mail template, and no row for a template that does not exist', () => {
    const listed = documented.flatMap((row) => row.templates).sort();
    expect(listed).toEqual(Object.keys(templates).sort());
  });

  it('names the recipient of every template: the person signed in to open its links', () => {
    const withoutRecipient = documented.filter((row) => !row.recipient || row.recipient === '—').flatMap((row) => row.templates);
    expect(withoutRecipient).toEqual([]);
    // Who the browser test signs in as to open the template's links, as the document names them.
    const named = { employee: /employee|applicant/, company: /\bHR\b/, landlord: /landlord/ };
    for (const row of documented) {
      for (const template of row.templates as TemplateName[]) {
        const persona = links[template].persona;
        if (persona && persona !== 'visitor')
          expect({ template, recipient: row.recipient }).toEqual({ template, recipient: expect.stringMatching(named[persona]) });
      }
    }
  });

  it('gives each template the page paths its links open, as the code builds them, and "—" for an e-mail without link', () => {
    for (const row of documented) {
      for (const template of row.templates as TemplateName[]) {
        const built = [...new Set(Object.values(links[template].links).map(asWritten))].sort();
        expect({ template, linkPaths: [...row.linkPaths].sort() }).toEqual({ template, linkPaths: built });
      }
    }
  });

  it('lists the paths the web app serves: every page an e-mail opens, each a page of shared/page-paths.ts', () => {
    // The document's last section.
    const served = quoted(doc.slice(doc.indexOf('## Paths the web app serves')))
      .filter((text) => text.startsWith('/'))
      .sort();
    const opened = [...new Set(documented.flatMap((row) => row.linkPaths.map((path) => path.split('?')[0]!)))].sort();
    expect(served).toEqual(opened);
    const pages = Object.values(pagePaths).map((path) => path.replace(/:(\w+)/g, '{$1}'));
    expect(served.filter((path) => !pages.includes(path))).toEqual([]);
  });
});
