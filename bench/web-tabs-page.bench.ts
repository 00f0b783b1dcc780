import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn } from '#local/browser.ts';
import { type Figure, median, ratioFigure } from './harness.ts';

/** What the timed code uses of the page's globals; it runs in the browser, which this project's Node types do not describe. */
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown; readonly body: unknown };
  readonly MutationObserver: new (
    callback: () => void,
  ) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void; disconnect(): void };
}

/** The tab's list of offers (`<ul aria-label="Offres : Communes demandées">`): the page is ready when it is in the DOM. */
const tabList = '[aria-label^="Offres : "]';
/** Longest wait for the list before the run fails (an empty tab or an error page never shows one). */
const readyTimeoutMs = 15_000;

export interface WebTarget {
  /** The gateway's origin, which serves the built web app and the API. */
  readonly origin: string;
  readonly email: string;
  readonly password: string;
}

/** Full load of the dashboard: a fresh page, its query cache empty, the session back through the refresh cookie. */
async function openDashboard(page: Page) {
  await page.goto('/espace');
  await page.getByRole('navigation', { name: 'Navigation de mon espace' }).getByRole('link', { name: 'Offres', exact: true }).waitFor();
}

/**
 * Waits until the page has fetched nothing new for `quietMs`: the chunks the app preloads in idle
 * time are in, as when a person reads the dashboard before clicking. Both timings start from a
 * quiet page, so neither the page nor the baseline call shares the network or the main thread
 * with the preloading.
 */
async function quiet(page: Page, quietMs = 300) {
  await page.waitForFunction(
    () => {
      const state = globalThis as unknown as { benchResourceCount?: number };
      const count = performance.getEntriesByType('resource').length;
      const unchanged = state.benchResourceCount === count;
      state.benchResourceCount = count;
      return unchanged;
    },
    undefined,
    { polling: quietMs },
  );
}

/** One page run, from the page's own clock: the total, and where the page's `GET /offers` sat in it. */
interface PageRun {
  /** Click to list in the DOM. */
  readonly totalMs: number;
  /** Click to the request sent: the route's chunk, rendering the page, the query starting. */
  readonly beforeRequestMs: number;
  /** The page's own `GET /offers`, sent to answered (resource timing). */
  readonly requestMs: number;
}

/**
 * From the click on "Offres" in the signed-in navigation to the list in the DOM, timed in the page
 * (`performance.now()`): loading the page's chunk, `GET /offers`, parsing and rendering. React
 * commits the list in the same task that handles the answer, so the DOM mutation marks it.
 */
async function timeTabsPage(page: Page): Promise<PageRun> {
  const link = page.getByRole('navigation', { name: 'Navigation de mon espace' }).getByRole('link', { name: 'Offres', exact: true });
  return link.evaluate(
    (element: { click(): void }, { selector, timeoutMs }) => {
      const { document, MutationObserver } = globalThis as unknown as PageGlobals;
      return new Promise<PageRun>((resolve, reject) => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          const totalMs = performance.now() - started;
          observer.disconnect();
          clearTimeout(timer);
          const request = performance
            .getEntriesByType('resource')
            .find((entry) => entry.startTime >= started && new URL(entry.name).pathname === '/offers');
          if (!request) return reject(new Error('no GET /offers in the page’s resource timing'));
          resolve({ totalMs, beforeRequestMs: request.startTime - started, requestMs: request.duration });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no ${selector} within ${timeoutMs} ms`));
        }, timeoutMs);
        observer.observe(document.body, { childList: true, subtree: true });
        element.click();
      });
    },
    { selector: tabList, timeoutMs: readyTimeoutMs },
  );
}

/** The same call from the same page: same origin, same URL, same bearer token, the answer read and parsed as the app does. */
async function timeApiCall(page: Page, call: { url: string; authorization: string }): Promise<number> {
  return page.evaluate(async ({ url, authorization }) => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization }, credentials: 'same-origin' });
    JSON.parse(await response.text());
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    return performance.now() - started;
  }, call);
}

/**
 * `web-tabs-page-ready-vs-api` and `web-tabs-page-ready-ms`: the seeded employee, signed in,
 * opens the offers' tabs from the navigation (client-side), against the `GET /offers` call the
 * page makes, sent by `fetch` from the same page. Each run starts from a full load of the
 * dashboard, so the query cache is empty as on the first visit of a session (the page's chunk
 * comes from the browser's cache: built files are immutable). Runs alternate page and call, after
 * a warm-up; medians of each, and of the page's parts (before its request, the request, after).
 */
export async function webTabsPageBenchmark(target: WebTarget, runs = 21, warmup = 3): Promise<Figure[]> {
  const browser: Browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL: target.origin, viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    let call: { url: string; authorization: string } | undefined;
    page.on('request', (request) => {
      const url = new URL(request.url());
      const authorization = request.headers().authorization;
      if (url.pathname === '/offers' && authorization) call = { url: `${url.pathname}${url.search}`, authorization };
    });
    await logIn(page, target.email, target.password);

    const pageRuns: PageRun[] = [];
    const apiTimes: number[] = [];
    for (let run = 0; run < warmup + runs; run += 1) {
      await openDashboard(page);
      await quiet(page);
      const pageRun = await timeTabsPage(page);
      if (!call) throw new Error('the tabs page made no GET /offers call');
      await quiet(page);
      const apiMs = await timeApiCall(page, call);
      if (run >= warmup) {
        pageRuns.push(pageRun);
        apiTimes.push(apiMs);
      }
    }
    const offers = await page.locator(`${tabList} > li`).count();
    if (offers === 0) throw new Error('the seeded employee’s tab shows no offer: the list timed would be empty');
    const pageMs = median(pageRuns.map((run) => run.totalMs));
    const apiMs = median(apiTimes);
    // Where the page's time goes, for the note: before its request, the request itself, the rest (parse and render).
    const breakdown = {
      beforeRequestMs: median(pageRuns.map((run) => run.beforeRequestMs)),
      pageRequestMs: median(pageRuns.map((run) => run.requestMs)),
      afterResponseMs: median(pageRuns.map((run) => run.totalMs - run.beforeRequestMs - run.requestMs)),
    };
    return [
      ratioFigure('web-tabs-page-ready-vs-api', pageMs, apiMs, { pageMs, apiMs, ...breakdown, runs, offers }),
      {
        name: 'web-tabs-page-ready-ms',
        value: pageMs,
        unit: 'ms',
        // RAIL's budget for a response to a tap that loads content (1 s keeps the user's flow).
        goal: { op: '<=', value: 1000 },
        details: { pageMs, runs },
      },
    ];
  } finally {
    await browser.close();
  }
}
