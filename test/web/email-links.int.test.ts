import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateName } from '#notifications/outbox.ts';
import { api, cloud, tokenOf } from '../support/api.ts';
import { launchBrowser, newPage, logIn } from '../support/browser.ts';
import { createTestEmployee, testEmployeePassword } from '../support/employees.ts';
import { templateLinks, type Persona, type TemplateLinks } from '../support/email-links.ts';
import { t2Offer } from '../support/offers.ts';
import { unique } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const demoEmail = (key: string) => cloud().demoAccounts.find((account) => account.key === key)?.email ?? '';

describe('every link of every e-mail template opens its page', () => {
  it('builds no link by hand: every e-mail link of functions/ comes from shared/page-paths.ts', () => {
    const sources = readdirSync('functions', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const handWritten = sources.filter((file) => /appUrl\}\//.test(readFileSync(join('functions', file), 'utf8')));
    expect(handWritten).toEqual([]);
  });

  it('opens each link in the browser, signed in as its recipient when the page needs it, on a page that exists', async () => {
    const landlord = await tokenOf('landlord');
    const created = await api('POST', '/landlord/offers', { token: landlord, body: t2Offer({ externalReference: `LIENS-${unique()}` }) });
    expect(created.status).toBe(201);
    const offerId = created.body.offerId as string;
    expect((await api('POST', `/landlord/offers/${offerId}/publish`, { token: landlord })).status).toBe(200);

    // Every template's links, as its builder writes them: a new template with a link fails until it is listed.
    const byTemplate: Partial<Record<TemplateName, TemplateLinks>> = {};
    for (const [template, entry] of Object.entries(templateLinks(cloud().api, offerId)) as [TemplateName, TemplateLinks][]) {
      expect({ template, missing: entry.missing }).toEqual({ template, missing: [] });
      if (Object.keys(entry.links).length) byTemplate[template] = entry;
    }
    expect(Object.keys(byTemplate).length).toBeGreaterThan(20);

    const employee = await createTestEmployee({ employee: { employment: { status: 'CONFIRMED' } } });
    const logins: Record<Exclude<Persona, 'visitor'>, [string, string]> = {
      employee: [employee.email, testEmployeePassword],
      company: [demoEmail('company'), cloud().demoPassword],
      landlord: [demoEmail('landlord'), cloud().demoPassword],
    };
    const urlsOf = (persona: Persona) =>
      [...new Set(Object.values(byTemplate).flatMap((entry) => (entry?.persona === persona ? Object.values(entry.links) : [])))].sort();

    for (const persona of ['visitor', 'employee', 'company', 'landlord'] as const) {
      const { context, page } = await newPage(browser);
      if (persona !== 'visitor') await logIn(page, ...logins[persona]);
      const urls = urlsOf(persona);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url.startsWith(`${cloud().api}/`), url).toBe(true);
        const response = await page.goto(url);
        expect(response?.headers()['content-type'], url).toContain('text/html');
        const heading = page.getByRole('heading', { level: 1 });
        await heading.waitFor();
        // Wait for the page, not the loading state, then check it is that page and not another.
        await expect.poll(() => page.getByRole('status').filter({ hasText: 'Chargement…' }).count(), { timeout: 10_000 }).toBe(0);
        expect({ url, title: await heading.textContent() }).not.toEqual({ url, title: 'Page introuvable' });
        expect(new URL(page.url()).pathname, url).toBe(new URL(url).pathname);
      }
      await context.close();
    }
  });
});
