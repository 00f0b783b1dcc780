import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lostPasswordUrl, passwordLinkEmail } from '#identity/password-link.ts';
import { applicantEmail, landlordEmails } from '#notifications/lifecycle-emails.ts';
import { lifecycleTemplateNames } from '#notifications/lifecycle-templates.ts';
import type { TemplateName } from '#notifications/outbox.ts';
import { templates } from '#notifications/templates.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';
import { api, cloud, tokenOf } from '../support/api.ts';
import { testEmployeePassword } from '../support/employees.ts';
import { launchBrowser, newPage, logIn } from '../support/browser.ts';
import { createTestEmployee } from '../support/employees.ts';
import { t2Offer } from '../support/offers.ts';
import { unique } from '../support/registration.ts';

type Persona = 'visitor' | 'employee' | 'company' | 'landlord';

/** The parameters a template reads whose name ends in `link`: the links its e-mail carries. */
function linkParamsOf(template: TemplateName): string[] {
  const read = new Set<string>();
  const params = new Proxy<Record<string, string>>(
    {},
    {
      get: (_, key) => {
        if (typeof key === 'string') read.add(key);
        return 'x';
      },
    },
  );
  templates[template](params);
  return [...read].filter((key) => /link$/i.test(key)).sort();
}

/** Each template with a link: who opens it, and its links as the e-mail builders write them. */
function emailLinks(appUrl: string, offerId: string): Partial<Record<TemplateName, { persona: Persona; links: Record<string, string> }>> {
  const at = new Date().toISOString();
  const application = { contact: { email: 'a@test.alin.local', firstName: 'Camille' }, offer: { typology: 'T2', commune: '33063' } };
  const offer = { offerId, externalReference: 'REF-1', typology: 'T2', commune: '33063' };
  const password = (template: TemplateName) =>
    passwordLinkEmail({ email: 'a@test.alin.local', template, params: {}, appUrl, now: new Date(), validityHours: 2 }).notification.params;
  const page = (persona: Persona, link: string) => ({ persona, links: { link } });
  const entries: [TemplateName, { persona: Persona; links: Record<string, string> }][] = [
    ...(['registration-welcome', 'company-hr-invited', 'landlord-user-invited', 'password-reset'] as const).map(
      (template) =>
        [template, page('visitor', password(template).link ?? '')] as [TemplateName, { persona: Persona; links: Record<string, string> }],
    ),
    ['registration-attempt', { persona: 'visitor', links: { lostPasswordLink: lostPasswordUrl(appUrl) } }],
    ['registration-nud-used', { persona: 'visitor', links: { lostPasswordLink: lostPasswordUrl(appUrl) } }],
    ['password-reset-no-account', { persona: 'visitor', links: { registerLink: pageUrl(appUrl, pagePath(pagePaths.register)) } }],
    ['hr-employees-pending', page('company', pageUrl(appUrl, pagePath(pagePaths.hrEmployees)))],
    ['employment-confirmed', page('employee', pageUrl(appUrl, pagePath(pagePaths.situation)))],
    ['employment-rejected', page('employee', pageUrl(appUrl, pagePath(pagePaths.situation)))],
    ['nud-reminder', page('employee', pageUrl(appUrl, pagePath(pagePaths.situation)))],
    ['nud-expired', page('employee', pageUrl(appUrl, pagePath(pagePaths.situation)))],
    ['nud-date-corrected', page('employee', pageUrl(appUrl, pagePath(pagePaths.situation)))],
    ['document-expiring', page('employee', pageUrl(appUrl, pagePath(pagePaths.documents)))],
    [
      'new-offers-digest',
      {
        persona: 'employee',
        links: {
          link: pageUrl(appUrl, pagePath(pagePaths.offers)),
          settingsLink: pageUrl(appUrl, pagePath(pagePaths.alerts)),
          // Each offer's line (inside the `offers` parameter) links to its page.
          offer: pageUrl(appUrl, pagePath(pagePaths.offer, { offerId })),
        },
      },
    ],
  ];
  for (const template of [...lifecycleTemplateNames, 'application-submitted', 'application-withdrawn', 'application-declined'] as const) {
    const link = template.startsWith('application-')
      ? applicantEmail(application, template as Parameters<typeof applicantEmail>[1], {}, at, appUrl).params.link
      : landlordEmails(['b@test.alin.local'], offer, template as Parameters<typeof landlordEmails>[2], {}, at, appUrl)[0]?.params.link;
    entries.push([template, page(template.startsWith('application-') ? 'employee' : 'landlord', link ?? '')]);
  }
  return Object.fromEntries(entries);
}

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

    const built = emailLinks(cloud().api, offerId);
    // Each template's links are those it reads (a builder may pass `link` to a template that shows none);
    // every one of them has its builder here, so a new template with a link fails until it is listed.
    const byTemplate: typeof built = {};
    for (const template of Object.keys(templates) as TemplateName[]) {
      const read = linkParamsOf(template);
      const entry = built[template];
      expect({ template, missing: read.filter((key) => !entry?.links[key]) }).toEqual({ template, missing: [] });
      if (entry && read.length) {
        const links = Object.fromEntries(Object.entries(entry.links).filter(([key]) => read.includes(key) || key === 'offer'));
        byTemplate[template] = { persona: entry.persona, links };
      }
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
