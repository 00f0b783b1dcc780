import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousViolations, logInAsDemo } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo landlord's offer manager, signed in through the login page. */
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe('the landlord’s offers in the browser', () => {
  it('creates a draft (a field error shown beside its field), completes it, publishes it and sees it listed', async () => {
    const reference = `WEB-${randomUUID().slice(0, 8)}`;
    const { context, page } = await newPage(browser, 'desktop');
    await logInAsDemo(page, 'landlord');
    await page.getByRole('link', { name: 'Mes offres' }).click();
    await page.getByRole('table', { name: /Vos offres/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Créer une offre' }).click();
    await field(page, 'Référence').fill(reference);
    await field(page, 'Code postal').fill('9210');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    // The route's own schema refuses it: the message sits beside the field and in the summary, focused.
    const summary = page.getByRole('region', { name: /Le formulaire contient une erreur/ });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Code postal : Code postal attendu : 5 chiffres.');
    expect(await page.locator('#champ-postalCode-erreur').textContent()).toBe('Code postal attendu : 5 chiffres.');
    expect(await field(page, 'Code postal').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(':focus').textContent()).toContain('Le formulaire contient une erreur');
    expect(await seriousViolations(page)).toEqual([]);

    await field(page, 'Code postal').fill('92100');
    await field(page, 'Nom de la résidence').fill('Résidence des Tilleuls');
    await field(page, 'Adresse').fill('12 rue des Tilleuls');
    await field(page, 'Commune (code INSEE)').fill('92012');
    await field(page, 'Type de logement').selectOption('apartment');
    await field(page, 'Typologie').selectOption('T3');
    await field(page, 'Nombre de pièces').fill('3');
    await field(page, 'Nombre de chambres').fill('2');
    await field(page, 'Surface (m²)').fill('64,5');
    await field(page, 'Étage').fill('2');
    await page.getByRole('group', { name: 'Ascenseur' }).getByLabel('Oui').check();
    await field(page, 'Accessibilité').selectOption('accessible');
    await field(page, 'Classe énergie').selectOption('C');
    await field(page, 'Loyer mensuel hors charges (euros)').fill('620,50');
    await field(page, 'Charges mensuelles (euros)').fill('110');
    await field(page, 'Dépôt de garantie (euros)').fill('620,50');
    await field(page, 'Financement').selectOption('PLUS');
    await field(page, 'Disponible à partir du').fill('2026-09-01');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();

    await page.getByRole('heading', { level: 1, name: `Offre ${reference}` }).waitFor();
    const facts = page.getByRole('region', { name: 'Le logement' });
    // fr-FR euros: 620,50 + 110 = 730,50 € with charges, computed by the API.
    expect(await facts.textContent()).toMatch(/Loyer charges comprises730,50\u00a0€/);
    expect(await page.locator('.lead').textContent()).toContain('Brouillon');
    expect(await seriousViolations(page)).toEqual([]);

    // A draft changes: the form shows its values (decimal comma), the reference no longer.
    await page.getByRole('link', { name: 'Modifier le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: `Modifier l’offre ${reference}` }).waitFor();
    expect(await field(page, 'Loyer mensuel hors charges (euros)').inputValue()).toBe('620,5');
    expect(await field(page, 'Référence').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await field(page, 'Charges mensuelles (euros)').fill('120');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { level: 1, name: `Offre ${reference}` }).waitFor();
    expect(await facts.textContent()).toMatch(/Loyer charges comprises740,50\u00a0€/);
    // The offer page at the phone size.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Publier l’offre' }).click();
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Période de candidature ouverte').waitFor();
    expect(await page.locator('.lead').textContent()).toContain('Publiée');
    expect(await history.textContent()).toMatch(/candidatures jusqu’au \d{1,2} [^ ]+ 20\d\d à \d\d:\d\d/);
    expect(await page.getByRole('button', { name: 'Publier l’offre' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Retour à mes offres' }).click();
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toContain(`${reference}Publiée`);
    expect(await row.getByRole('cell').allTextContents()).toEqual(['740,50\u00a0€', expect.stringMatching(/20\d\d/), '0']);
    await context.close();
  });

  it('has no serious or critical accessibility violation on the offers list and the new offer form at the phone size', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await logInAsDemo(page, 'landlord');
    await page.goto('/bailleur/offres');
    await page.getByRole('table', { name: /Vos offres/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/bailleur/offres/nouvelle');
    await field(page, 'Référence').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
