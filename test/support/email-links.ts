import { lostPasswordUrl, passwordLinkEmail } from '#identity/password-link.ts';
import { applicantEmail, landlordEmails } from '#notifications/lifecycle-emails.ts';
import { lifecycleTemplateNames } from '#notifications/lifecycle-templates.ts';
import type { TemplateName } from '#notifications/outbox.ts';
import { templates } from '#notifications/templates.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

/**
 * Every e-mail template's links, as the code that sends it builds them: the browser test opens
 * each one as its recipient, and the e-mails document (docs/emails.md) is checked against them.
 */

/** Who opens a template's links: signed in as such, or not at all. */
export type Persona = 'visitor' | 'employee' | 'company' | 'landlord';

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

type Builders = Partial<Record<TemplateName, { persona: Persona; links: Record<string, string> }>>;

/** Each template with a link: who opens it, and its links as the e-mail builders write them. */
function builtLinks(appUrl: string, offerId: string): Builders {
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

export interface TemplateLinks {
  readonly persona: Persona | undefined;
  /** The links the template shows (those it reads, and each offer's line of the digest), by parameter. */
  readonly links: Readonly<Record<string, string>>;
  /** Link parameters the template reads that no builder here writes: a new template with a link lands here until listed. */
  readonly missing: readonly string[];
}

/** Every template's links, with `offerId` in the offer pages' addresses. */
export function templateLinks(appUrl: string, offerId: string): Record<TemplateName, TemplateLinks> {
  const built = builtLinks(appUrl, offerId);
  const entries = (Object.keys(templates) as TemplateName[]).map((template): [TemplateName, TemplateLinks] => {
    const read = linkParamsOf(template);
    const entry = built[template];
    // A builder may pass `link` to a template that shows none: only what the template reads counts.
    const links = Object.fromEntries(Object.entries(entry?.links ?? {}).filter(([key]) => read.includes(key) || key === 'offer'));
    const missing = read.filter((key) => !entry?.links[key]);
    return [template, { persona: entry?.persona, links: read.length ? links : {}, missing }];
  });
  return Object.fromEntries(entries) as Record<TemplateName, TemplateLinks>;
}
