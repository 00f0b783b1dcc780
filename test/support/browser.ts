import type { BrowserContext, Browser, Page } from 'playwright-core';
import { accessibilityViolations, isSerious, logIn, type ViewportName, viewports } from '#local/browser.ts';
import { cloud } from './api.ts';

export { launchBrowser, logIn, type ViewportName } from '#local/browser.ts';

/** A fresh browser context (no cookies, nothing in memory) at a given screen size, in French. */
export async function newPage(browser: Browser, viewport: ViewportName = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: viewports[viewport], locale: 'fr-FR', baseURL: cloud().api });
  const page = await context.newPage();
  return { context, page };
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now (WCAG 2.x A and AA). */
export async function seriousViolations(page: Page) {
  return (await accessibilityViolations(page)).filter(isSerious);
}

/** Logs in as one of the seeded demo accounts (local/seed.ts), by its key. */
export async function logInAsDemo(page: Page, key: string): Promise<void> {
  const account = cloud().demoAccounts.find((candidate) => candidate.key === key);
  if (!account) throw new Error(`no demo account "${key}"`);
  await logIn(page, account.email, cloud().demoPassword);
}
