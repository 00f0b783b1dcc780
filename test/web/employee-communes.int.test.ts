import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.ts';
import { launchBrowser, logIn, newPage, seriousViolations } from '../support/browser.ts';
import { employeeWithSituation, testEmployeePassword } from '../support/employees.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const withParis = () =>
  employeeWithSituation({
    nudRegisteredDaysAgo: 90,
    members: { applicant: '1990-04-12' },
    rfrN2: 23_000,
    contractStart: '2021-09-01',
    searchCriteria: { kinds: ['apartment'], typologies: ['T2'], communes: ['75056'], minSurfaceM2: 30, maxRentEuros: 900 },
  });

/** Presses ↓ until the option named `name` is the combobox's active descendant; fails after `most` presses. */
async function arrowDownTo(page: Page, combobox: Locator, name: string, most = 10) {
  // An option reads "Évry-Courcouronnes 91000 · 91": the name, then its postcode and department.
  const option = page.getByRole('option', { name: new RegExp(`^${name} `) });
  const optionId = await option.getAttribute('id');
  for (let presses = 0; presses < most; presses += 1) {
    await page.keyboard.press('ArrowDown');
    if ((await combobox.getAttribute('aria-activedescendant')) === optionId) return option;
  }
  throw new Error(`"${name}" never became the active option`);
}

describe('communes found by name in "Ma situation"', () => {
  it('is done with the keyboard alone: type a name, arrow to it, Entrée, remove another, save; the page shows names', async () => {
    const employee = await withParis();
    const { context, page } = await newPage(browser, 'desktop');
    await logIn(page, employee.email, testEmployeePassword);
    await page.goto('/ma-situation/modifier');
    const combobox = page.getByRole('combobox', { name: 'Communes' });
    await combobox.waitFor();
    // The commune already chosen is shown by its name, with its button to remove it.
    await page.getByRole('button', { name: 'Retirer Paris' }).waitFor();
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');

    await combobox.focus();
    await page.keyboard.type('evry');
    await page.getByRole('option', { name: /^Évry-Courcouronnes / }).waitFor();
    expect(await combobox.getAttribute('aria-expanded')).toBe('true');
    const listbox = page.getByRole('listbox', { name: 'Communes proposées' });
    expect(await combobox.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));
    const option = await arrowDownTo(page, combobox, 'Évry-Courcouronnes');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await listbox.getByRole('option', { selected: true }).count()).toBe(1);
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Retirer Évry-Courcouronnes' }).waitFor();
    expect(await combobox.inputValue()).toBe('');
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('status').filter({ hasText: 'Évry-Courcouronnes ajoutée.' }).count()).toBe(1);

    // Échap closes the list, then clears the text.
    await page.keyboard.type('lyon');
    await page.getByRole('option', { name: /^Lyon / }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
    expect(await combobox.inputValue()).toBe('lyon');
    await page.keyboard.press('Escape');
    expect(await combobox.inputValue()).toBe('');

    // The chips come before the input: Maj+Tab twice reaches "Retirer Paris"; focus returns to the input.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.locator(':focus').textContent()).toBe('Retirer Paris');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Retirer Paris' }).count()).toBe(0);
    expect(await page.locator(':focus').getAttribute('role')).toBe('combobox');

    await page.getByRole('button', { name: 'Enregistrer ma situation' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Votre situation est enregistrée.').waitFor();
    const search = page.getByRole('region', { name: 'Le logement que je recherche' });
    expect(await search.textContent()).toContain('Évry-Courcouronnes (91)');
    expect(await search.textContent()).not.toContain('Paris');
    // What was stored is the INSEE code the API expects.
    const stored = await api('GET', '/me/situation', { token: employee.token });
    expect(stored.body.searchCriteria.communes).toEqual([{ code: '91228', name: 'Évry-Courcouronnes', department: '91' }]);
    await context.close();
  });

  it('finds a commune by postcode, says when nothing matches, and has no serious or critical accessibility violation with its list open', async () => {
    const employee = await withParis();
    const { context, page } = await newPage(browser, 'phone');
    await logIn(page, employee.email, testEmployeePassword);
    await page.goto('/ma-situation/modifier');
    const combobox = page.getByRole('combobox', { name: 'Communes' });
    await combobox.waitFor();
    await combobox.focus();

    await page.keyboard.type('zzqx');
    await page.getByRole('status').filter({ hasText: 'Aucune commune ne correspond à « zzqx ».' }).waitFor();
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');
    await combobox.fill('');

    await page.keyboard.type('92100');
    await page.getByRole('option', { name: /^Boulogne-Billancourt 92100/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await combobox.getAttribute('aria-activedescendant')).toBe(
      await page.getByRole('option', { name: /^Boulogne-Billancourt/ }).getAttribute('id'),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
