import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';
import { unique } from '../support/registration.ts';
import { testEmployeePassword } from '../support/employees.ts';
import { webCloudOfFile } from '../support/own-cloud.ts';
import { newPage, seriousViolations } from '../support/browser.ts';

/**
 * A cloud of the file's own: in the shared one, every other test's offers for Paris come before
 * this one in the tab (they close first), beyond the first page.
 */
const browser = webCloudOfFile();

/** What the keyboard focus is on: its accessible text (a link's or button's label) or a field's id. */
const focused = async (page: Page): Promise<string> =>
  String(await page.evaluate("document.activeElement?.id || (document.activeElement?.textContent ?? '').trim()"));

/** Presses Tab until the focus reaches `target` (a label or a field id); fails after `limit` presses. */
async function tabTo(page: Page, target: string | RegExp, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    const now = await focused(page);
    if (typeof target === 'string' ? now === target : target.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard focus never reached ${target} in ${limit} presses (last on "${await focused(page)}")`);
}

describe('the employee’s main story with the keyboard only', () => {
  it('logs in, opens the offers, opens one, applies and finds it in "Mes candidatures", without the mouse', async () => {
    const residenceName = `Résidence Clavier ${unique()}`;
    const [employee] = await Promise.all([employeeWithCompleteFile(), publishedOffer({ residenceName })]);
    const { context, page } = await newPage(browser(), 'phone');

    await page.goto('/connexion');
    await page.getByRole('heading', { name: 'Se connecter', level: 1 }).waitFor();
    await tabTo(page, 'champ-email');
    await page.keyboard.type(employee.email);
    await tabTo(page, 'champ-password');
    await page.keyboard.type(testEmployeePassword);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();

    await tabTo(page, 'Offres');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Onglets des offres' }).waitFor();
    await tabTo(page, new RegExp(residenceName));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Je postule' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, 'Je postule');
    await page.keyboard.press('Enter');
    await page.getByText('Ce logement a bien été ajouté à votre candidature').first().waitFor();

    await tabTo(page, 'Mes candidatures');
    await page.keyboard.press('Enter');
    await page.getByRole('listitem').filter({ hasText: residenceName }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/mes-candidatures');
    await context.close();
  });
});
