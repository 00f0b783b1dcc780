import { AxeBuilder } from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, type Page, chromium as playwright } from 'playwright-core';
import { cloud } from './api.ts';

const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof viewports;

/**
 * Arguments of the package meant for AWS Lambda that a test must not take: one process for the
 * whole browser (closing a context then ends it), and the same-origin policy and mixed-content
 * blocking turned off (the tests check what a real browser enforces).
 */
const lambdaOnlyArgs = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

/**
 * The Chromium shipped inside the npm package @sparticuz/chromium, driven by playwright-core:
 * `npm install` brings both, nothing is downloaded at run time, and it runs headless offline.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  return playwright.launch({ executablePath, args: chromium.args.filter((arg) => !lambdaOnlyArgs.has(arg)), headless: true });
}

/** A fresh browser context (no cookies, nothing in memory) at a given screen size, in French. */
export async function newPage(browser: Browser, viewport: ViewportName = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: viewports[viewport], locale: 'fr-FR', baseURL: cloud().api });
  const page = await context.newPage();
  return { context, page };
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now (WCAG 2.x A and AA). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
