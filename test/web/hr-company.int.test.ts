import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logIn } from '../support/browser.ts';
import { companyWithHr } from '../support/company-hr.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the company HR’s company page in the browser', () => {
  it('keeps the figures current: a field message from the shared schema, then the recomputed eligibility explained', async () => {
    const hr = await companyWithHr('Menuiserie Vasseur');
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, hr.email, hr.password);
    await page.getByRole('link', { name: 'Entreprise', exact: true }).click();
    await page.getByRole('heading', { name: 'Entreprise éligible' }).waitFor();
    const figures = page.getByRole('region', { name: 'Menuiserie Vasseur' });
    expect(await figures.textContent()).toMatch(/9\u202f000\u00a0€ en 2025/);

    // A headcount that is not a number: the same message as the API's, beside the field, before any request.
    const headcount = page.getByLabel('Effectif');
    await headcount.fill('quarante');
    await page.getByRole('button', { name: 'Enregistrer les chiffres' }).click();
    await expect.poll(() => headcount.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#champ-headcount-erreur').textContent()).toBe('Effectif attendu (nombre entier).');

    await headcount.fill('40');
    await page
      .getByRole('group', { name: /verse la participation/ })
      .getByLabel('Non')
      .check();
    await page.getByLabel('Dernière PEEC versée (euros)').fill('12 500');
    await page.getByRole('button', { name: 'Enregistrer les chiffres' }).click();
    await page
      .getByText(
        'L’entreprise n’est plus éligible : ses salariés ne peuvent plus candidater tant que ses chiffres ne remplissent pas les conditions.',
      )
      .waitFor();
    await page.getByRole('heading', { name: 'Entreprise non éligible' }).waitFor();
    expect(await figures.textContent()).toMatch(/12\u202f500\u00a0€ en 2025/);

    // The operator's history holds exactly the two figures that changed.
    const history = await api('GET', `/companies/${hr.siret}/history`, { token: await tokenOf('operator') });
    expect(
      history.body.entries
        .at(-1)
        .changes.map((change: { field: string }) => change.field)
        .sort(),
    ).toEqual(['contributor', 'lastContributionEuros']);

    await page
      .getByRole('group', { name: /verse la participation/ })
      .getByLabel('Oui')
      .check();
    await page.getByRole('button', { name: 'Enregistrer les chiffres' }).click();
    await page.getByText('L’entreprise devient éligible : ses salariés peuvent candidater.').waitFor();
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation at the ${viewport} size`, async () => {
      const hr = await companyWithHr();
      const { context, page } = await newPage(browser, viewport);
      await logIn(page, hr.email, hr.password);
      await page.goto('/entreprise');
      await page.getByRole('button', { name: 'Enregistrer les chiffres' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Effectif').fill('x');
      await page.getByRole('button', { name: 'Enregistrer les chiffres' }).click();
      await page.locator('#champ-headcount-erreur').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
