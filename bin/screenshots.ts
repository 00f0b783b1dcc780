/**
 * `npm run screenshots`: the web app's pages, as each persona sees them, written to
 * docs/screenshots/<persona>-<page>-{desktop,phone}.png. A local cloud of its own (free ports,
 * beside `npm start`) with the demo data; the browser logs in as each seeded user and opens every
 * page of its navigation that exists at run time, and the first detail page a list links to.
 *   npm run screenshots -- employee landlord   only these personas
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations, isSerious, launchBrowser, logIn, type ViewportName as Viewport, viewports } from '#local/browser.ts';
import { startLocalCloud } from '#local/cloud.ts';
import { freePorts } from '#local/ports.ts';
import { ensureWebBuild, webRoot } from '#local/web-build.ts';
import type { Role } from '#shared/roles.ts';

const outputDir = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
/** The accessibility result of every page shot, written on a run of every persona. */
const accessibilityReport = path.resolve(import.meta.dirname, '..', 'docs', 'accessibility.md');

/** The personas, by the role of the seeded account that plays each (local/seed.ts); `public` is signed out. */
const personas: readonly { readonly name: string; readonly role?: Role; readonly account?: string }[] = [
  { name: 'public' },
  { name: 'employee', account: 'employee' },
  { name: 'company', account: 'company' },
  { name: 'landlord', role: 'landlord' },
  { name: 'commission', role: 'commission' },
  { name: 'operator', account: 'operator' },
];
const publicPages = ['/', '/eligibilite', '/inscription', '/connexion'];

/** `/ma-situation` → `ma-situation`, `/` → `accueil`. */
const slugOf = (pathname: string) => (pathname === '/' ? 'accueil' : pathname.split('/').filter(Boolean).join('-'));

/** Waits for the page to show its content: a heading, no loading status, the network quiet. */
async function settled(page: Page): Promise<boolean> {
  const shown = await page
    .locator('h1')
    .first()
    .waitFor({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!shown) {
    console.warn(`  skipped ${new URL(page.url()).pathname}: no heading within 10 s`);
    return false;
  }
  await page
    .getByText(/^Chargement/)
    .first()
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
  return !/introuvable/i.test((await page.locator('h1').first().textContent()) ?? '');
}

interface Shot {
  readonly persona: string;
  readonly page: string;
  readonly path: string;
  readonly viewport: Viewport;
  readonly title: string;
  readonly file: string;
  /** axe-core's violations on the page as shot: serious or critical, and the others. */
  readonly serious: number;
  readonly minor: number;
}

async function shoot(page: Page, persona: string, slug: string, viewport: Viewport, shots: Shot[]): Promise<void> {
  const file = `${persona}-${slug}-${viewport}.png`;
  await page.screenshot({ path: path.join(outputDir, file), animations: 'disabled', caret: 'hide' });
  const title = ((await page.locator('h1').first().textContent()) ?? slug).trim();
  const violations = await accessibilityViolations(page);
  const serious = violations.filter(isSerious).length;
  shots.push({
    persona,
    page: slug,
    path: new URL(page.url()).pathname,
    viewport,
    title,
    file,
    serious,
    minor: violations.length - serious,
  });
}

/** A signed-in persona: every link of its navigation, clicked in turn, and the first detail page each list links to. */
async function signedInPages(page: Page, persona: string, viewport: Viewport, shots: Shot[]): Promise<void> {
  const navigation = page.getByRole('navigation', { name: 'Navigation de mon espace' });
  const links = await navigation
    .getByRole('link')
    .evaluateAll((anchors) => anchors.map((anchor) => ({ href: anchor.getAttribute('href') ?? '', label: anchor.textContent ?? '' })));
  for (const link of links) {
    await navigation.getByRole('link', { name: link.label, exact: true }).click();
    await page.waitForURL((url) => url.pathname === link.href);
    if (!(await settled(page))) continue; // a page of the navigation not built yet
    await shoot(page, persona, slugOf(link.href), viewport, shots);
    // Below the page: its first sub-page with a name (`/ma-situation/modifier`, `/bailleur/offres/nouvelle`) and
    // its first detail (`/offres/01J…`), unless the navigation has them already (`/entreprise` → `/entreprise/salaries`).
    const below = await page
      .locator(`main a[href^="${link.href}/"]`)
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor.getAttribute('href') ?? '').split('?')[0] ?? ''));
    const fresh = below.filter((href) => href && !links.some((other) => other.href === href));
    const isNamed = (href: string) => /^[a-z-]+$/.test(href.split('/').pop() ?? '');
    const picked = [fresh.find(isNamed), fresh.find((href) => !isNamed(href))].filter((href) => href !== undefined);
    for (const [index, href] of picked.entries()) {
      if (index > 0) {
        await navigation.getByRole('link', { name: link.label, exact: true }).click();
        await page.waitForURL((url) => url.pathname === link.href);
        await settled(page);
      }
      await page.locator(`main a[href^="${href}"]`).first().click();
      await page.waitForURL((url) => url.pathname === href);
      if (!(await settled(page))) continue;
      const slug = isNamed(href) ? slugOf(href) : `${slugOf(link.href)}-detail`;
      await shoot(page, persona, slug, viewport, shots);
      await applyIfOffered(page, persona, slug, viewport, shots);
    }
  }
}

/** On an offer the employee may apply to: "Je postule", and the seed's message. */
async function applyIfOffered(page: Page, persona: string, slug: string, viewport: Viewport, shots: Shot[]): Promise<void> {
  const apply = page.getByRole('button', { name: 'Je postule' });
  if ((await apply.count()) === 0 || !(await apply.isEnabled())) return;
  await apply.click();
  const done = await page
    .getByText('Ce logement a bien été ajouté à votre candidature')
    .first()
    .waitFor({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (done) await shoot(page, persona, `${slug}-postule`, viewport, shots);
}

const wanted = process.argv.slice(2);
const started = performance.now();
await ensureWebBuild();
const cloud = await startLocalCloud({ ports: await freePorts(), seed: true, cron: false, webRoot });
const browser = await launchBrowser().catch(async (error: unknown) => {
  await cloud.stop();
  throw error;
});
const shots: Shot[] = [];
try {
  await mkdir(outputDir, { recursive: true });
  for (const persona of personas.filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
    const account = cloud.demoAccounts.find((candidate) =>
      persona.account ? candidate.key === persona.account : persona.role && candidate.groups.includes(persona.role),
    );
    if (persona.name !== 'public' && !account) throw new Error(`No seeded account plays ${persona.name}`);
    for (const viewport of Object.keys(viewports) as Viewport[]) {
      const context = await browser.newContext({ viewport: viewports[viewport], locale: 'fr-FR', baseURL: cloud.urls.api });
      const page = await context.newPage();
      if (account) {
        await logIn(page, account.email, cloud.demoPassword);
        await signedInPages(page, persona.name, viewport, shots);
      } else {
        for (const address of publicPages) {
          await page.goto(address);
          if (await settled(page)) await shoot(page, persona.name, slugOf(address), viewport, shots);
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await cloud.stop();
}

// Screenshots of pages that no longer exist would mislead: only this run's files stay.
const taken = new Set(shots.map((shot) => shot.file));
for (const file of await readdir(outputDir)) {
  const persona = file.split('-')[0] ?? '';
  const rerun = wanted.length === 0 || wanted.includes(persona);
  if (file.endsWith('.png') && rerun && !taken.has(file)) await rm(path.join(outputDir, file));
}
const bytes = await Promise.all(shots.map(async (shot) => (await stat(path.join(outputDir, shot.file))).size));
const total = Math.round(bytes.reduce((sum, size) => sum + size, 0) / 1024);
console.log(
  `${shots.length} screenshots in ${path.relative(process.cwd(), outputDir)} (${total} KB) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
for (const shot of shots.filter((candidate) => candidate.file.endsWith('-desktop.png'))) {
  console.log(`  ${shot.persona.padEnd(11)} ${shot.page.padEnd(24)} ${shot.title}`);
}

/** One row per page: axe-core's count at each screen size, as the README's figure quotes it. */
async function writeAccessibilityReport(): Promise<void> {
  const pages = new Map<string, Shot[]>();
  for (const shot of shots) pages.set(`${shot.persona} ${shot.page}`, [...(pages.get(`${shot.persona} ${shot.page}`) ?? []), shot]);
  const count = (row: Shot[], viewport: Viewport, key: 'serious' | 'minor') => row.find((shot) => shot.viewport === viewport)?.[key] ?? '–';
  const rows = [...pages.values()].map((row) => {
    const [first] = row as [Shot];
    return `| ${first.persona} | \`${first.path}\` | ${first.title} | ${count(row, 'desktop', 'serious')} | ${count(row, 'phone', 'serious')} | ${count(row, 'desktop', 'minor')} / ${count(row, 'phone', 'minor')} |`;
  });
  const serious = shots.reduce((sum, shot) => sum + shot.serious, 0);
  await writeFile(
    accessibilityReport,
    [
      '# Accessibility, page by page',
      '',
      'Written by `npm run screenshots`: axe-core (WCAG 2.0–2.2 A and AA) on every page it shoots, signed in as each persona,',
      'at desktop (1280×800) and phone (390×844) size. The browser tests (`test/web/`) fail on any serious or critical violation;',
      "this table is the run's record. Keyboard use is tested in `test/web/keyboard-story.int.test.ts` (the employee's main story) and by the commission's ranking, the HR's confirmation, the login and the communes picker.",
      '',
      `${pages.size} pages, ${shots.length} checks, ${serious} serious or critical violations.`,
      '',
      '| persona | page | title | serious or critical (desktop) | serious or critical (phone) | moderate or minor (desktop / phone) |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}
if (wanted.length === 0) await writeAccessibilityReport();
