import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { testEmployeePassword } from '../support/employees.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logIn } from '../support/browser.ts';
import { createTestEmployee, receiveRequiredDocuments, type TestEmployee } from '../support/employees.ts';
import { t2Offer } from '../support/offers.ts';
import { unique } from '../support/registration.ts';

const nantes = { commune: '44109', postalCode: '44000' };
const reze = { commune: '44143', postalCode: '44400' }; // borders Nantes

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function publishedOffer(overrides: Record<string, unknown>): Promise<{ offerId: string; residenceName: string }> {
  const landlord = await tokenOf('landlord');
  const residenceName = `Résidence ${unique()}`;
  const created = await api('POST', '/landlord/offers', {
    token: landlord,
    body: t2Offer({ externalReference: `WEB-${unique()}`, residenceName, ...overrides }),
  });
  if (created.status !== 201) throw new Error(`offer creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await api('POST', `/landlord/offers/${created.body.offerId}/publish`, { token: landlord });
  if (published.status !== 200) throw new Error(`publication failed: ${published.status}`);
  return { offerId: created.body.offerId as string, residenceName };
}

/** A single adult looking for a T2 in Nantes, file complete: employment confirmed, NUD valid, documents received. */
async function completeEmployee(): Promise<TestEmployee> {
  const employee = await createTestEmployee({ employee: { employment: { status: 'CONFIRMED' } } });
  await receiveRequiredDocuments(employee.id);
  const situation = await api('PUT', '/me/situation', {
    token: employee.token,
    body: {
      nud: { firstRegisteredOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10) },
      household: { members: [{ relationship: 'applicant', birthDate: '1986-02-10', disability: false }] },
      income: { rfrN2: 15_000 },
      employment: { kind: 'CDI', startDate: '2020-09-01', trialPeriod: { ongoing: false } },
      mainResidence: true,
      searchCriteria: { kinds: ['apartment'], typologies: ['T2'], communes: [nantes.commune], minSurfaceM2: 20, maxRentEuros: 2_000 },
    },
  });
  if (situation.status !== 200) throw new Error(`situation failed: ${situation.status} ${JSON.stringify(situation.body)}`);
  return employee;
}

const tabLink = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Onglets des offres' }).getByRole('link', { name: new RegExp(`^${label} \\(\\d+\\)$`) });

describe('the employee’s offers and applications in the browser', () => {
  it('shows the tabs with their counts, an offer with its verdict and score, applies, then the position in "Mes candidatures"', async () => {
    const [inNantes, inReze, employee] = await Promise.all([publishedOffer(nantes), publishedOffer(reze), completeEmployee()]);
    const counts = (await api('GET', '/offers', { token: employee.token })).body.counts as Record<string, number>;
    expect(counts.requested).toBeGreaterThanOrEqual(1);
    expect(counts.neighbouring).toBeGreaterThanOrEqual(1);

    const { context, page } = await newPage(browser, 'phone');
    await logIn(page, employee.email, testEmployeePassword);
    await page.getByRole('link', { name: 'Offres', exact: true }).click();
    await tabLink(page, 'Communes demandées').waitFor();
    expect(await tabLink(page, 'Communes demandées').textContent()).toBe(`Communes demandées (${counts.requested})`);
    expect(await tabLink(page, 'Communes limitrophes').textContent()).toBe(`Communes limitrophes (${counts.neighbouring})`);
    expect(await tabLink(page, 'Autres communes du département').textContent()).toBe(
      `Autres communes du département (${counts.department})`,
    );
    expect(await tabLink(page, 'Communes demandées').getAttribute('aria-current')).toBe('page');

    await tabLink(page, 'Communes limitrophes').click();
    await page.getByRole('link', { name: new RegExp(inReze.residenceName) }).waitFor();
    expect(await tabLink(page, 'Communes limitrophes').getAttribute('aria-current')).toBe('page');

    await tabLink(page, 'Communes demandées').click();
    await page.getByRole('link', { name: new RegExp(inNantes.residenceName) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(inNantes.residenceName) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/offres/${inNantes.offerId}`);
    const verdict = page.getByRole('region', { name: 'Vous pouvez candidater' });
    expect(await verdict.textContent()).toContain('✓ Rempli');
    expect(await verdict.textContent()).not.toContain('✗');
    expect(await page.getByText(/Plafond de ressources de votre ménage/).textContent()).toMatch(/\d[\d\s]*\s€/);
    const score = page.getByRole('region', { name: 'Votre score provisoire' });
    expect(await score.getByRole('row').count()).toBeGreaterThan(2);

    await page.getByRole('button', { name: 'Je postule' }).click();
    await page.getByRole('status').filter({ hasText: 'Ce logement a bien été ajouté à votre candidature' }).waitFor();

    await page.getByRole('navigation', { name: 'Navigation de mon espace' }).getByRole('link', { name: 'Mes candidatures' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(inNantes.residenceName) }) });
    await card.waitFor();
    const mine = (await api('GET', '/me/applications', { token: employee.token })).body.applications[0];
    expect(mine.provisionalPosition.text).toMatch(/^\d+(er|e) sur \d+$/);
    expect(await card.textContent()).toContain('Candidature déposée');
    expect(await card.textContent()).toContain(`Position provisoire${mine.provisionalPosition.text}`);
    await context.close();
  });

  it('loads the navigation’s pages while the dashboard shows, so "Offres" fetches its data only; a tab’s address loads in full too', async () => {
    const employee = await completeEmployee();
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, employee.email, testEmployeePassword);
    // No hover, no click: the offers page's chunk arrives while the dashboard shows.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/assets/offers-page-')));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(`${request.resourceType()} ${new URL(request.url()).pathname}`));
    await page.getByRole('navigation', { name: 'Navigation de mon espace' }).getByRole('link', { name: 'Offres', exact: true }).click();
    await tabLink(page, 'Communes demandées').waitFor();
    // The next pages' chunks may still arrive (one per idle period); the offers page's is not asked for again.
    expect(requested.filter((request) => request.startsWith('script ') && request.includes('/offers-page-'))).toEqual([]);
    expect(requested.filter((request) => request.endsWith(' /offers'))).toHaveLength(1);

    // A full load of a tab's address: the session comes back first, then the tab it names.
    await page.goto('/offres?onglet=limitrophes');
    await tabLink(page, 'Communes limitrophes').waitFor();
    expect(await tabLink(page, 'Communes limitrophes').getAttribute('aria-current')).toBe('page');
    await context.close();
  });

  it('shows an incomplete file what is missing, with links to fix it, instead of offers', async () => {
    const employee = await createTestEmployee();
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, employee.email, testEmployeePassword);
    await page.goto('/offres');
    const missing = page.getByRole('status').filter({ hasText: 'Vous ne pouvez pas encore candidater' });
    await missing.waitFor();
    expect(await page.getByRole('navigation', { name: 'Onglets des offres' }).count()).toBe(0);
    expect(await missing.getByRole('link', { name: 'Compléter « Mes documents »' }).first().getAttribute('href')).toBe('/mes-documents');
    await missing.getByRole('link', { name: 'Compléter « Ma situation »' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ma situation' }).waitFor();
    await context.close();
  });

  it('saves the alerts, shows the results of a department, and exports then erases the account', async () => {
    const employee = await completeEmployee();
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, employee.email, testEmployeePassword);

    await page.getByRole('link', { name: 'Mes alertes' }).click();
    await page.getByLabel('Recevoir les alertes').check();
    await page.getByLabel('Communes limitrophes').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Vos alertes sont enregistrées.' }).waitFor();
    expect((await api('GET', '/me/alerts', { token: employee.token })).body).toMatchObject({ enabled: true });

    await page.getByRole('link', { name: 'Résultats' }).click();
    await page.getByLabel('Département', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Voir les résultats' }).click();
    await page.getByText(/Département attendu/).waitFor();
    await page.getByLabel('Département', { exact: true }).fill('44');
    await page.getByRole('button', { name: 'Voir les résultats' }).click();
    await page.getByRole('table').or(page.getByText('Aucune offre attribuée publiée dans ce département pour le moment.')).waitFor();
    expect(new URL(page.url()).searchParams.get('departement')).toBe('44');

    await page.getByRole('link', { name: 'Mes données' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger mes données' }).click();
    expect((await download).suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    await page.getByRole('button', { name: 'Effacer mon compte' }).click();
    await page.getByText('Cochez la case pour confirmer l’effacement.').waitFor();
    await page.getByLabel(/Je comprends que mon compte/).check();
    await page.getByRole('button', { name: 'Effacer mon compte' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect((await api('POST', '/auth/login', { body: { email: employee.email, password: testEmployeePassword } })).status).not.toBe(200);
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation on the employee’s pages at the ${viewport} size`, async () => {
      const [offer, employee] = await Promise.all([publishedOffer(nantes), completeEmployee()]);
      const applied = await api('POST', `/offers/${offer.offerId}/applications`, { token: employee.token });
      expect({ status: applied.status, error: applied.body.error }).toEqual({ status: 201, error: undefined });
      const { context, page } = await newPage(browser, viewport);
      await logIn(page, employee.email, testEmployeePassword);
      const pages: [string, () => Promise<void>][] = [
        ['/offres', () => tabLink(page, 'Communes demandées').waitFor()],
        [`/offres/${offer.offerId}`, () => page.getByRole('region', { name: 'Votre score provisoire' }).waitFor()],
        ['/mes-candidatures', () => page.getByText('Position provisoire').first().waitFor()],
        ['/mes-alertes', () => page.getByLabel('Recevoir les alertes').waitFor()],
        ['/resultats?departement=44', () => page.getByRole('button', { name: 'Voir les résultats' }).waitFor()],
        ['/mes-donnees', () => page.getByRole('button', { name: 'Effacer mon compte' }).waitFor()],
      ];
      for (const [path, ready] of pages) {
        await page.goto(path);
        await ready();
        expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
      }
      await context.close();
    });
  }
});
