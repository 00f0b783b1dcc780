import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentRules } from '#housing-file/document-rules.ts';
import { cloud } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logIn } from '../support/browser.ts';
import { registeredEmployee } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('"Ma situation" in the browser', () => {
  it('shows the demo employee’s complete situation in French formats, reached from the employee’s navigation', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    const employee = cloud().demoAccounts.find((account) => account.key === 'employee')!;
    await logIn(page, employee.email, cloud().demoPassword);
    await page.getByRole('link', { name: 'Ma situation' }).click();
    await page.getByRole('heading', { name: 'Votre situation est complète' }).waitFor();

    const income = page.getByRole('region', { name: 'Mes revenus' });
    // fr-FR: narrow no-break space between thousands, no-break space before the euro sign.
    expect(await income.textContent()).toMatch(/24\u202f500\u00a0€/);
    const search = page.getByRole('region', { name: 'Le logement que je recherche' });
    expect(await search.textContent()).toContain('Paris');
    expect(await search.textContent()).toMatch(/950\u00a0€ par mois/);
    const nud = page.getByRole('region', { name: 'Ma demande de logement social' });
    expect(await nud.textContent()).toContain('1 février 2024');
    await context.close();
  });

  it('opens from the e-mails’ link (`/ma-situation`): log in first, then the page asked for', async () => {
    const { context, page } = await newPage(browser, 'phone');
    const employee = cloud().demoAccounts.find((account) => account.key === 'employee')!;
    await page.goto('/ma-situation');
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(employee.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(cloud().demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Ma situation' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ma-situation');
    await context.close();
  });

  it('lists what a newcomer still has to fill in, and records a NUD renewal', async () => {
    const employee = await registeredEmployee();
    const { context, page } = await newPage(browser, 'phone');
    await logIn(page, employee.email, employee.password);
    await page.goto('/ma-situation');
    const missing = page.getByRole('status').filter({ hasText: 'Votre situation est à compléter' });
    await missing.waitFor();
    expect(await missing.locator('li').count()).toBeGreaterThan(0);

    const nud = page.getByRole('region', { name: 'Ma demande de logement social' });
    expect(await nud.textContent()).toContain('Dernier renouvellementaucun');
    await page.getByRole('button', { name: 'J’ai renouvelé ma demande' }).click();
    await page.getByText('Le renouvellement de votre demande est enregistré.').waitFor();
    await expect.poll(() => nud.textContent()).not.toContain('Dernier renouvellementaucun');
    await context.close();
  });

  it('is filled in by a newcomer, with the schema’s and the API’s messages beside the fields', async () => {
    const employee = await registeredEmployee();
    const { context, page } = await newPage(browser, 'phone');
    await logIn(page, employee.email, employee.password);
    await page.getByRole('link', { name: 'Ma situation' }).click();
    await page.getByRole('link', { name: 'Modifier ma situation' }).click();

    await page.getByLabel('Date de première inscription').fill('2025-01-15');
    await page.getByRole('group', { name: 'Personne 1' }).getByLabel('Date de naissance').fill('1994-06-20');
    await page.getByRole('button', { name: 'Ajouter une personne' }).click();
    await page.getByRole('group', { name: 'Personne 2' }).getByLabel('Date de naissance').fill('2020-09-01');
    await page.getByLabel('Revenu fiscal de référence').fill('21 300');
    await page.getByRole('group', { name: 'Type de contrat' }).getByLabel('CDI').check();
    await page.getByLabel('Date de début').fill('2023-03-01');
    await page.getByRole('group', { name: 'Période d’essai en cours' }).getByLabel('Non').check();
    await page.getByRole('group', { name: 'Le logement sera votre résidence principale' }).getByLabel('Oui').check();
    await page.getByLabel('Appartement').check();
    await page.getByLabel('T2').check();
    await page.getByLabel('Surface minimum (m²)').fill('30');
    await page.getByLabel('Loyer mensuel maximum (euros)').fill('800');
    // A priority criterion of the grid, declared with the others (issue 13, item 3).
    await page.getByRole('group', { name: 'Ma situation relève de' }).getByLabel('premier emploi').check();

    // No commune chosen: the shared schema answers in the browser, before any request.
    const communes = page.getByRole('combobox', { name: 'Communes' });
    await page.getByRole('button', { name: 'Enregistrer ma situation' }).click();
    await expect.poll(() => communes.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#champ-searchCriteria\\.communes-erreur').textContent()).toBe('Indiquez au moins une commune.');

    // A birth date to come is well-formed: only the API knows today, and says so beside the field.
    const childBirthDate = page.getByRole('group', { name: 'Personne 2' }).getByLabel('Date de naissance');
    await childBirthDate.fill('2099-09-01');
    await communes.fill('Paris');
    await page.getByRole('option', { name: /^Paris / }).click();
    await page.getByRole('button', { name: 'Retirer Paris' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer ma situation' }).click();
    await expect
      .poll(() => page.locator('#champ-household\\.members\\.1\\.birthDate-erreur').textContent())
      .toBe('La date de naissance ne peut pas être dans le futur.');

    await childBirthDate.fill('2020-09-01');
    await page.getByRole('button', { name: 'Enregistrer ma situation' }).click();
    await page.getByText('Votre situation est enregistrée.').waitFor();
    const income = page.getByRole('region', { name: 'Mes revenus' });
    expect(await income.textContent()).toMatch(/21\u202f300\u00a0€/);
    const household = page.getByRole('region', { name: 'Mon ménage' });
    expect(await household.locator('li').first().textContent()).toContain('Demandeur');
    expect(await household.textContent()).toContain('Enfant');
    expect(await page.getByRole('region', { name: 'Le logement que je recherche' }).textContent()).toContain('Paris');
    // The criterion is shown with its proof, and counts only once that proof is received.
    expect(await page.getByRole('region', { name: 'Critères de priorité' }).textContent()).toContain(
      `premier emploi — justificatif : ${documentRules.types['first-job-proof'].label}`,
    );
    expect(await page.getByRole('status').filter({ hasText: 'Points d’attention' }).textContent()).toContain(
      'sans lui, le critère « premier emploi » n’est pas compté dans votre score',
    );
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation at the ${viewport} size`, async () => {
      const { context, page } = await newPage(browser, viewport);
      const employee = cloud().demoAccounts.find((account) => account.key === 'employee-incomplete')!;
      await logIn(page, employee.email, cloud().demoPassword);
      await page.goto('/ma-situation');
      await page.getByRole('region', { name: 'Mes revenus' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Modifier ma situation' }).click();
      await page.getByRole('button', { name: 'Enregistrer ma situation' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
