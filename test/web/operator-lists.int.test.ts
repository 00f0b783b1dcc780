import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { launchBrowser, logInAsDemo, newPage, seriousViolations, type ViewportName } from '../support/browser.ts';
import { declaredCompany } from '../support/company-hr.ts';
import { unique } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A landlord created by the operator (through the API), with one commission member invited. */
async function landlordWithCommission(name: string): Promise<{ landlordId: string; email: string }> {
  const token = await tokenOf('operator');
  const created = await api('POST', '/landlords', { token, body: { name } });
  expect(created.status).toBe(201);
  const email = `commission.${unique()}@example.org`;
  const invited = await api('POST', `/landlords/${created.body.landlordId}/users`, { token, body: { email, role: 'commission' } });
  expect(invited.status).toBe(201);
  return { landlordId: created.body.landlordId, email };
}

/** The list's row of `name`, reading the next pages ("Afficher plus…") until it shows. */
async function rowOf(list: Locator, name: string, more: string): Promise<Locator> {
  const row = list.getByRole('row').filter({ has: list.page().getByRole('link', { name, exact: true }) });
  await list.getByRole('table').waitFor();
  for (;;) {
    if ((await row.count()) > 0) return row;
    const button = list.getByRole('button', { name: more });
    if ((await button.count()) === 0) throw new Error(`${name} is not in the list`);
    const rows = await list.getByRole('row').count();
    await button.click();
    await expect.poll(() => list.getByRole('row').count()).toBeGreaterThan(rows);
  }
}

const companiesList = (page: Page) => page.getByRole('region', { name: 'Entreprises déclarées' });
const landlordsList = (page: Page) => page.getByRole('region', { name: 'Bailleurs de la plateforme' });

describe('the operator’s lists of companies and landlords in the browser', () => {
  it('finds a company in the list, corrects its figures and reads the history entry, then a landlord and its users', async () => {
    const companyName = `Atelier Liste ${unique()}`;
    const siret = await declaredCompany(companyName);
    const landlordName = `Bailleur Liste ${unique()}`;
    const landlord = await landlordWithCommission(landlordName);
    const { context, page } = await newPage(browser, 'desktop');
    await logInAsDemo(page, 'operator');

    await page.getByRole('link', { name: 'Entreprises', exact: true }).click();
    const companyRow = await rowOf(companiesList(page), companyName, 'Afficher plus d’entreprises');
    expect(await companyRow.textContent()).toBe(`${companyName}${siret}Privé40Éligible`);
    // The SIRET search is still there.
    await page.getByRole('region', { name: 'Consulter une entreprise' }).getByLabel('SIRET de l’entreprise').waitFor();

    await companyRow.getByRole('link', { name: companyName }).click();
    await page.getByRole('heading', { level: 1, name: companyName }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/operateur/entreprises/${siret}`);
    const form = page.getByRole('region', { name: 'Mettre à jour les chiffres' });
    // A headcount that is not a number: the API's schema's message, beside the field, before any call.
    await form.getByLabel('Effectif').fill('quarante');
    await form.getByRole('button', { name: 'Enregistrer les chiffres' }).click();
    await expect.poll(() => page.locator('#champ-headcount-erreur').textContent()).toBe('Effectif attendu (nombre entier).');
    await form.getByLabel('Effectif').fill('5');
    await form.getByRole('button', { name: 'Enregistrer les chiffres' }).click();
    await form.getByRole('heading', { name: 'Chiffres enregistrés' }).waitFor();
    const history = page.getByRole('region', { name: 'Historique des chiffres' });
    await expect.poll(() => history.textContent()).toContain('Effectif : 40 → 5');
    expect(await history.textContent()).toContain('par opérateur');
    expect(await history.textContent()).toContain('L’entreprise n’est plus éligible.');

    // Back in the list, the row says what changed.
    await page.getByRole('link', { name: 'Toutes les entreprises' }).click();
    const changedRow = await rowOf(companiesList(page), companyName, 'Afficher plus d’entreprises');
    await expect.poll(() => changedRow.textContent()).toBe(`${companyName}${siret}Privé5Non éligible`);

    await page.getByRole('link', { name: 'Bailleurs', exact: true }).click();
    const landlordRow = await rowOf(landlordsList(page), landlordName, 'Afficher plus de bailleurs');
    expect(await landlordRow.textContent()).toBe(`${landlordName}—01`);
    await landlordRow.getByRole('link', { name: landlordName }).click();
    await page.getByRole('heading', { level: 1, name: landlordName }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/operateur/bailleurs/${landlord.landlordId}`);
    const users = page.getByRole('region', { name: 'Utilisateurs invités' });
    expect(await users.getByRole('row').filter({ hasText: landlord.email }).textContent()).toContain('Commission d’attribution');

    // An offer manager invited from the landlord's page joins its users.
    const manager = `offres.${unique()}@example.org`;
    const invite = page.getByRole('region', { name: 'Inviter un utilisateur de ce bailleur' });
    expect(await invite.getByLabel('Identifiant du bailleur').count()).toBe(0);
    await invite.getByLabel('E-mail de l’utilisateur').fill(manager);
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await invite.getByText(`${manager} (Gestionnaire des offres) : invitation envoyée`).waitFor();
    await expect.poll(() => users.getByRole('row').filter({ hasText: manager }).count()).toBe(1);
    expect(await users.getByRole('row').filter({ hasText: manager }).textContent()).toContain('Gestionnaire des offres');
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation on the lists and a landlord’s page at the ${viewport} size`, async () => {
      const landlord = await landlordWithCommission(`Bailleur Axe ${unique()}`);
      const { context, page } = await newPage(browser, viewport);
      await logInAsDemo(page, 'operator');
      await page.goto('/operateur/entreprises');
      await companiesList(page).getByRole('table').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto('/operateur/bailleurs');
      await landlordsList(page).getByRole('table').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`/operateur/bailleurs/${landlord.landlordId}`);
      await page.getByRole('region', { name: 'Utilisateurs invités' }).getByRole('table').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
