/**
 * The browser of the tests, the screenshots and the page benchmark: the Chromium shipped inside
 * the npm package @sparticuz/chromium, driven by playwright-core. `npm install` brings both,
 * nothing is downloaded at run time, and it runs headless offline.
 */
import { AxeBuilder } from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { type Browser, type Page, chromium as playwright } from 'playwright-core';

/** The two screen sizes every page is checked at: a 390×844 phone and a desktop. */
export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof viewports;

/**
 * Arguments of the package meant for AWS Lambda that a local browser must not take: one process
 * for the whole browser (closing a context then ends it), and the same-origin policy and
 * mixed-content blocking turned off (the tests check what a real browser enforces).
 */
const lambdaOnlyArgs = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

/** Launches tried before giving up: a Chromium that crashes while starting is started again. */
const launchAttempts = 3;

/**
 * The browser, headless. A fresh-clone CI run once saw it die of SIGSEGV before its first page
 * (a loaded machine, software GL); such a launch is tried again, `launchAttempts` times in all.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  const args = chromium.args.filter((arg) => !lambdaOnlyArgs.has(arg));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await playwright.launch({ executablePath, args, headless: true });
    } catch (error) {
      if (attempt >= launchAttempts) throw error;
    }
  }
}

export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly targets: string[];
}

/** Every accessibility violation axe-core finds on the page as it is now (WCAG 2.x A and AA). */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? '',
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** The ones the project does not accept: serious and critical. */
export const isSerious = (violation: Violation) => violation.impact === 'serious' || violation.impact === 'critical';

/** Logs in through the login page, as a person would, and waits for the signed-in navigation. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();
}
