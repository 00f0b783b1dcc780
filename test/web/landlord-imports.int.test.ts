import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logIn } from '../support/browser.ts';
import { csvRow } from '../support/offers.ts';
import { linkTokenFor, unique } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const password = 'Bailleur2026';

/** A landlord of its own and its offer manager (invited by the operator, password set): its imports meet no other test's. */
async function freshLandlordUser() {
  const operator = await tokenOf('operator');
  const created = await api('POST', '/landlords', { token: operator, body: { name: 'Habitat Import Navigateur' } });
  if (created.status !== 201) throw new Error(`landlord creation failed: ${created.status}`);
  const email = `imports.web.${unique()}@example.org`;
  const invited = await api('POST', `/landlords/${created.body.landlordId}/users`, { token: operator, body: { email, role: 'landlord' } });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status}`);
  const chosen = await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } });
  if (chosen.status !== 200) throw new Error(`password failed: ${chosen.status}`);
  return email;
}

/** The documented sample (8 offers, every row valid) followed by two rows the import refuses. */
async function sampleWithErrors(): Promise<Buffer> {
  const sample = await readFile(path.resolve(import.meta.dirname, '..', '..', 'data', 'samples', 'offres.csv'), 'utf8');
  return Buffer.from(`${sample.trimEnd()}\n${csvRow(`WEB-${unique()}`, { commune: '99999' })}\nseulement;deux\n`);
}

describe('the landlord’s bulk import in the browser', () => {
  it('sends the file with a progress bar, follows the import and shows the per-row report as a table', async () => {
    const email = await freshLandlordUser();
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, email, password);
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByText('Aucun import pour l’instant.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByLabel('Fichier d’offres (CSV ou JSON)')
      .setInputFiles({ name: 'offres.csv', mimeType: 'text/csv', buffer: await sampleWithErrors() });
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await expect.poll(() => page.locator('#envoi-progression').getAttribute('value')).toBe('100');

    // The bucket's event starts the import; the page asks again until it is finished.
    const report = page.getByRole('region', { name: 'Import offres.csv' });
    await report.getByText('État : Terminé').waitFor({ timeout: 30_000 });
    const counts = await report.locator('dl').textContent();
    expect(counts).toContain('Lignes lues10');
    expect(counts).toContain('Offres créées8');
    expect(counts).toContain('Offres publiées4');
    expect(counts).toContain('Lignes refusées2');
    const table = report.getByRole('table', { name: 'Lignes refusées' });
    const rows = await Promise.all((await table.locator('tbody tr').all()).map((row) => row.locator('td').allTextContents()));
    expect(rows).toEqual([
      ['10', expect.stringMatching(/^WEB-/), 'commune', expect.stringMatching(/^Commune inconnue/)],
      ['11', expect.any(String), '—', expect.stringMatching(/2 colonnes au lieu de 22/)],
    ]);
    expect(await report.getByRole('link', { name: 'Télécharger le rapport complet (JSON)' }).getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await seriousViolations(page)).toEqual([]);

    // The imports list links to the same report; the offers list holds the 8 imported offers.
    await page
      .getByRole('table', { name: /Vos imports/ })
      .getByRole('link', { name: 'offres.csv' })
      .click();
    await page.getByRole('table', { name: 'Lignes refusées' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Mes offres' }).click();
    await page.getByRole('table', { name: /Vos offres/ }).waitFor();
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: /IMP-000\d/ })
        .count(),
    ).toBe(8);
    expect(await page.getByRole('row').filter({ hasText: 'IMP-0001' }).getByRole('rowheader').textContent()).toContain('IMP-0001Publiée');
    await context.close();
  });

  for (const viewport of ['phone'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation on the imports page at the ${viewport} size`, async () => {
      const email = await freshLandlordUser();
      const { context, page } = await newPage(browser, viewport);
      await logIn(page, email, password);
      await page.goto('/bailleur/imports');
      await page.getByLabel('Fichier d’offres (CSV ou JSON)').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
