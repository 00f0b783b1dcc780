import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloud, eventually } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logIn } from '../support/browser.ts';
import { companyWithHr } from '../support/company-hr.ts';
import { mailsTo, registeredEmployee } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the company HR’s employees page in the browser', () => {
  it('confirms one employee with the keyboard, rejects another with a reason, recommends the confirmed one', async () => {
    const hr = await companyWithHr('Transports Lemoine');
    await registeredEmployee({ siret: hr.siret, firstName: 'Jules', lastName: 'Leroy' });
    const petit = await registeredEmployee({ siret: hr.siret, firstName: 'Inès', lastName: 'Petit' });
    const { context, page } = await newPage(browser, 'phone');
    await logIn(page, hr.email, hr.password);
    await page.getByRole('link', { name: 'Salariés', exact: true }).click();

    const pending = page.getByRole('region', { name: /^En attente de confirmation/ });
    await page.getByRole('heading', { name: 'En attente de confirmation (2)' }).waitFor();
    expect(await pending.textContent()).toContain('Jules Leroy');
    expect(await pending.textContent()).toContain('Inès Petit');

    // Keyboard only: the button takes the focus, Enter confirms; the focus then lands on what happened.
    await pending.getByRole('button', { name: 'Confirmer l’emploi de Jules Leroy', exact: true }).focus();
    await page.keyboard.press('Enter');
    const announcement = page.getByRole('status').filter({ hasText: 'L’emploi de Jules Leroy est confirmé.' });
    await announcement.waitFor();
    await page.getByRole('heading', { name: 'En attente de confirmation (1)' }).waitFor();
    expect(await pending.textContent()).not.toContain('Jules Leroy');
    expect(await page.evaluate('document.activeElement?.getAttribute("role")')).toBe('status');
    const confirmed = page.getByRole('region', { name: /^Emploi confirmé/ });
    expect(await confirmed.textContent()).toContain('Jules Leroy');

    await pending.getByRole('button', { name: 'Ne pas confirmer l’emploi de Inès Petit' }).click();
    await pending.getByLabel('Motif du refus (facultatif, communiqué à Inès Petit)').fill('Inconnue du service du personnel.');
    await pending.getByRole('button', { name: 'Confirmer le refus pour Inès Petit' }).click();
    await page.getByRole('heading', { name: 'En attente de confirmation (0)' }).waitFor();
    expect(await page.getByRole('region', { name: /^Emploi non confirmé/ }).textContent()).toContain('Inès Petit');
    // The employee is told, with the reason.
    const rejection = await eventually('the rejection e-mail', async () =>
      (await mailsTo(petit.email)).find((mail) => mail.body.text?.includes('Inconnue du service du personnel.')),
    );
    expect(rejection.subject).toBeTruthy();

    await confirmed.getByRole('button', { name: 'Recommander Jules Leroy' }).click();
    await expect.poll(() => confirmed.textContent()).toContain('Recommandé par l’entreprise le');
    // Recorded: a reload (the session comes back through the refresh cookie) shows it still.
    await page.reload();
    await expect.poll(() => confirmed.textContent()).toContain('Recommandé par l’entreprise le');
    await confirmed.getByRole('button', { name: 'Retirer la recommandation de Jules Leroy' }).click();
    await expect.poll(() => confirmed.textContent()).toContain('Non recommandé.');
    await context.close();
  });

  it('shows the newest registration among the pending ones of a company many employees joined (the seeded one)', async () => {
    // A name no other test gives: letters only, as the registration accepts.
    const tag = Date.now()
      .toString()
      .slice(-7)
      .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'a');
    const newcomer = await registeredEmployee({ lastName: `Nouveau${tag}` });
    const hr = cloud().demoAccounts.find((account) => account.key === 'company')!;
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, hr.email, cloud().demoPassword);
    await page.goto('/entreprise/salaries');
    const pending = page.getByRole('region', { name: /^En attente de confirmation/ });
    await expect.poll(() => pending.textContent(), { timeout: 15_000 }).toContain(`Camille ${newcomer.lastName}`);
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation at the ${viewport} size`, async () => {
      const hr = await companyWithHr();
      await registeredEmployee({ siret: hr.siret });
      const { context, page } = await newPage(browser, viewport);
      // The HR digest e-mail's link: log in first, then the page it named.
      await page.goto('/entreprise/salaries');
      await page.getByLabel('Adresse e-mail').fill(hr.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(hr.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'En attente de confirmation (1)' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/entreprise/salaries');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: /^Ne pas confirmer/ }).click();
      await page.getByLabel(/^Motif du refus/).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
