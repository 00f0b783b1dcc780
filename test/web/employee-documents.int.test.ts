import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logIn } from '../support/browser.ts';
import { registeredEmployee } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('"Mes documents" in the browser', () => {
  it('lists what is missing, sends a file straight to its presigned URL with a progress bar, then shows it received', async () => {
    const employee = await registeredEmployee();
    const { context, page } = await newPage(browser, 'phone');
    await logIn(page, employee.email, employee.password);
    await page.getByRole('link', { name: 'Mes documents' }).click();
    const missing = page.getByRole('status').filter({ hasText: 'Votre dossier est incomplet' });
    await missing.waitFor();
    expect(await missing.textContent()).toContain('Pièce d’identité : pas encore reçue');

    const identity = page.getByRole('region', { name: /^Pièce d’identité/ });
    const pdf = Buffer.from('%PDF-1.4\n% Alin test\n'.padEnd(4096, '.'));
    await identity
      .getByLabel('Fichier : Pièce d’identité')
      .setInputFiles({ name: 'identite.pdf', mimeType: 'application/pdf', buffer: pdf });
    await identity.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => identity.locator('progress').getAttribute('value')).toBe('100');
    // The bucket's event marks it received; the page asks again while an upload is awaited.
    await expect.poll(() => identity.textContent(), { timeout: 15_000 }).toContain('État : reçue — identite.pdf');
    expect(await missing.textContent()).not.toContain('Pièce d’identité');
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation at the ${viewport} size`, async () => {
      const employee = await registeredEmployee();
      const { context, page } = await newPage(browser, viewport);
      await logIn(page, employee.email, employee.password);
      await page.goto('/mes-documents');
      await page.getByRole('region', { name: /^Pièce d’identité/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
