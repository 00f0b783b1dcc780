import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logInAsDemo } from '../support/browser.ts';
import { declaredCompany } from '../support/company-hr.ts';
import { linkTokenFor, unique } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the operator’s company pages in the browser', () => {
  it('declares a company, invites its HR contact (who gets the e-mail), and reads the history of its figures', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await logInAsDemo(page, 'operator');
    await page.getByRole('link', { name: 'Entreprises' }).click();
    const declare = page.getByRole('region', { name: 'Déclarer une entreprise' });
    await declare.waitFor();

    // A SIRET whose check digit is wrong: the shared schema's message beside the field.
    const siret = uniqueSiret();
    const wrong = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
    await declare.getByLabel('SIRET').fill(wrong);
    await declare.getByLabel('Raison sociale').fill('Imprimerie Garnier');
    await declare.getByLabel('Effectif').fill('25');
    await declare.getByLabel('Dernière PEEC versée (euros)').fill('5 000');
    await declare.getByLabel('Année de la dernière PEEC').fill('2025');
    await declare.getByRole('button', { name: 'Déclarer l’entreprise' }).click();
    await expect.poll(() => page.locator('#champ-siret-erreur').textContent()).toBe('Le SIRET est invalide (clé de contrôle incorrecte).');

    await declare.getByLabel('SIRET').fill(siret);
    await declare.getByRole('button', { name: 'Déclarer l’entreprise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Imprimerie Garnier' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/operateur/entreprises/${siret}`);
    const figures = page.getByRole('region', { name: 'Chiffres et éligibilité' });
    expect(await figures.textContent()).toContain('Éligible');
    expect(await figures.textContent()).toMatch(/5\u202f000\u00a0€ en 2025/);

    const email = `rh.${unique()}@example.org`;
    const invitation = page.getByRole('region', { name: 'Inviter le contact RH' });
    await invitation.getByLabel('E-mail du contact RH').fill(email);
    await invitation.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await invitation.getByText(`Invitation envoyée à ${email}.`).waitFor();
    expect(await linkTokenFor(email)).toMatch(/^[\w-]+$/);

    // An update by the company (here through the API) shows in the history after a reload.
    const updated = await api('PATCH', `/companies/${siret}`, { token: await tokenOf('operator'), body: { headcount: 5 } });
    expect(updated.status).toBe(200);
    await page.reload();
    const history = page.getByRole('region', { name: 'Historique des chiffres' });
    await expect.poll(() => history.textContent()).toContain('Effectif : 25 → 5');
    expect(await history.textContent()).toContain('L’entreprise n’est plus éligible.');
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation at the ${viewport} size`, async () => {
      const siret = await declaredCompany('Serrurerie Axe');
      const { context, page } = await newPage(browser, viewport);
      await logInAsDemo(page, 'operator');
      await page.goto('/operateur/entreprises');
      await page.getByRole('button', { name: 'Déclarer l’entreprise' }).click();
      await page.getByRole('heading', { name: /^Le formulaire contient/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`/operateur/entreprises/${siret}`);
      await page.getByRole('heading', { level: 1, name: 'Serrurerie Axe' }).waitFor();
      await page.getByText('Aucune mise à jour depuis la déclaration.').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
