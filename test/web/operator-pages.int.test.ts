import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName, logInAsDemo } from '../support/browser.ts';
import { linkTokenFor, registeredEmployee, unique } from '../support/registration.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the operator’s pages in the browser', () => {
  it('shows each scheduled job’s last run with its counts', async () => {
    // The reconciler runs every 30 minutes anyway and only resumes stopped executions: safe to run now.
    const run = await api('POST', '/_local/jobs/lifecycleReconciler');
    expect(run.status).toBe(200);
    const { context, page } = await newPage(browser, 'desktop');
    await logInAsDemo(page, 'operator');
    await page.getByRole('link', { name: 'Tâches planifiées' }).click();
    const reconciler = page.getByRole('region').filter({ has: page.getByText('lifecycleReconciler', { exact: true }) });
    await reconciler.waitFor();
    expect(await reconciler.textContent()).toMatch(/Dernière exécution(Terminée|Incomplète)[^,]*, démarrée le \d{1,2} \S+ 20\d\d/);
    expect(await reconciler.textContent()).toContain('examined :');
    expect(
      await page
        .getByRole('region')
        .filter({ has: page.getByText('hrDigest', { exact: true }) })
        .count(),
    ).toBe(1);
    await context.close();
  });

  it('creates a landlord and invites its commission member, who gets the e-mail', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await logInAsDemo(page, 'operator');
    await page.getByRole('link', { name: 'Bailleurs' }).click();
    await page.getByLabel('Nom du bailleur').fill('Habitat du Val');
    await page.getByLabel('SIREN (facultatif)').fill('12345');
    await page.getByRole('button', { name: 'Créer le bailleur' }).click();
    await expect.poll(() => page.locator('#champ-siren-erreur').textContent()).toBe('Le SIREN doit comporter 9 chiffres.');
    await page.getByLabel('SIREN (facultatif)').fill('');
    await page.getByRole('button', { name: 'Créer le bailleur' }).click();
    await page.getByText('Bailleur « Habitat du Val » créé le').waitFor();

    const invite = page.getByRole('region', { name: 'Inviter un utilisateur d’un bailleur' });
    expect(await invite.getByLabel('Identifiant du bailleur').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    const email = `commission.${unique()}@example.org`;
    await invite.getByLabel('E-mail de l’utilisateur').fill(email);
    await invite.getByLabel('Commission d’attribution').check();
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await invite.getByText(`${email} (Commission d’attribution) : invitation envoyée`).waitFor();
    expect(await linkTokenFor(email)).toMatch(/^[\w-]+$/);
    await context.close();
  });

  it('reads the scoring grids and refuses to publish a grid without a seniority cap, before any request', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await logInAsDemo(page, 'operator');
    await page.getByRole('link', { name: 'Grille de cotation' }).click();
    await page.getByRole('heading', { name: /^Version v1 — / }).waitFor();
    expect(await page.getByRole('heading', { name: /^Version v2 — (Programmée|En vigueur)$/ }).count()).toBe(1);

    const editor = page.getByLabel('Grille (JSON)');
    // The draft: the latest grid, a new version number, in force tomorrow at the earliest and not
    // before the latest grid (a scheduled v2 would otherwise replace it on its day).
    const draft = JSON.parse(await editor.inputValue()) as { version: string; effectiveFrom: string; caps?: Record<string, number> };
    expect(draft.version).not.toBe('v2');
    const { today, grids } = (await api('GET', '/operator/scoring-grids', { token: await tokenOf('operator') })).body as {
      today: string;
      grids: { effectiveFrom: string }[];
    };
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const latest = grids.at(-1)!.effectiveFrom;
    expect(draft.effectiveFrom).toBe([tomorrow, latest].sort().at(-1));
    expect(draft.caps?.seniority).toEqual(expect.any(Number));
    delete draft.caps;
    await editor.fill(JSON.stringify(draft));
    await page.getByRole('button', { name: 'Publier cette version' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'La grille n’est pas publiée' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('caps.seniority : Plafond de l’ancienneté obligatoire (en points).');

    await editor.fill('{ "version": ');
    await page.getByRole('button', { name: 'Publier cette version' }).click();
    await expect.poll(() => refused.textContent()).toContain('Le texte n’est pas du JSON valide');
    await context.close();
  });

  it('corrects the first registration date of an employee’s NUD; an unknown employee is named as such', async () => {
    const employee = await registeredEmployee();
    const { context, page } = await newPage(browser, 'desktop');
    await logInAsDemo(page, 'operator');
    await page.getByRole('link', { name: 'Correction de NUD' }).click();
    await page.getByLabel('Identifiant du salarié').fill('inconnu-0000');
    await page.getByLabel('Date de première inscription (attestation)').fill('2025-03-10');
    await page.getByLabel('Motif (envoyé au salarié)').fill('Date lue sur l’attestation du 10 mars 2025.');
    await page.getByRole('button', { name: 'Corriger la date' }).click();
    await page.getByText('Aucun salarié ne porte cet identifiant.').waitFor();

    await page.getByLabel('Identifiant du salarié').fill(employee.employeeId);
    await page.getByRole('button', { name: 'Corriger la date' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Date corrigée' });
    await done.waitFor();
    expect(await done.textContent()).toContain(': première inscription le 10 mars 2025');
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`has no serious or critical accessibility violation at the ${viewport} size`, async () => {
      const { context, page } = await newPage(browser, viewport);
      await logInAsDemo(page, 'operator');
      const pages = [
        { path: '/operateur/taches', ready: page.getByRole('button', { name: 'Actualiser' }) },
        { path: '/operateur/bailleurs', ready: page.getByRole('button', { name: 'Créer le bailleur' }) },
        { path: '/operateur/grille', ready: page.getByRole('button', { name: 'Publier cette version' }) },
        { path: '/operateur/nud', ready: page.getByRole('button', { name: 'Corriger la date' }) },
      ];
      for (const { path, ready } of pages) {
        await page.goto(path);
        await ready.waitFor();
        expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
      }
      await context.close();
    });
  }
});
