import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishedOffer } from '../applications/support.ts';
import { applicants, applyAll, decide, eventOf, historyOf, myApplication, statusOf } from '../lifecycle/support.ts';
import { newPage, seriousViolations, logInAsDemo } from '../support/browser.ts';
import { webCloudOfFile, windowOfSeconds } from '../support/own-cloud.ts';

/**
 * A cloud of the file's own whose application window lasts seconds (the shared one keeps 7 days),
 * its gateway serving the web app as the shared one does.
 */
const browser = webCloudOfFile({ durations: windowOfSeconds(10) });
/** An offer nobody applies to, published first: its window closes while the commission test runs, and it ends unfilled. */
let unappliedOfferId: string;
beforeAll(async () => {
  unappliedOfferId = await publishedOffer();
});

const activeText = async (page: Page) => (await page.locator(':focus').textContent()) ?? '';

describe('the commission and the landlord in the browser, after a window closed in seconds', () => {
  it('sees the selected files, moves one up with the keyboard, sets one aside for false declaration and sends the decision', async () => {
    const employees = await applicants(3);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    const [first, second, third] = employees.map((employee) => employee.email) as [string, string, string];

    const { context, page } = await newPage(browser(), 'desktop');
    await logInAsDemo(page, 'commission');
    // The page the commission's e-mail links to; it waits for the window to close and the robot to select.
    await page.goto(`/bailleur/offres/${offerId}`);
    const ranking = page.getByRole('list', { name: 'Ordre de proposition' });
    await ranking.waitFor({ timeout: 60_000 });
    const items = ranking.getByRole('listitem');
    // The robot's order: the oldest request scores most.
    expect(await items.allTextContents()).toEqual([
      expect.stringContaining(first),
      expect.stringContaining(second),
      expect.stringContaining(third),
    ]);
    expect(await page.getByRole('status').filter({ hasText: 'Étape :' }).textContent()).toContain('tour de sélection 1');
    const files = page.getByRole('region', { name: /^1\. / });
    expect(await files.getByRole('table', { name: /Détail du score/ }).count()).toBe(1);
    const documentLinks = page.getByRole('link', { name: /Pièce d’identité/ });
    expect(await documentLinks.count()).toBe(3);
    expect(await documentLinks.first().getAttribute('href')).toMatch(/^https?:\/\//);
    // Beside the score: the priority criteria with their proofs, the declared NUD date and its certificate (issue 13, item 3).
    expect(await files.textContent()).toMatch(
      /Aucun critère prioritaire déclaré\.Première inscription déclarée : .+ · attestation NUD reçue le /,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Keyboard: « Monter » on the second file; the move is announced and the focus stays on that file.
    await items
      .filter({ hasText: second })
      .getByRole('button', { name: /^Monter/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => items.first().textContent()).toContain(second);
    expect(await page.locator('[aria-live="polite"]').textContent()).toMatch(
      new RegExp(`\\(${second.replace(/[.]/g, '\\.')}\\) : rang 1 sur 3\\.$`),
    );
    expect(await activeText(page)).toMatch(/^Descendre.*\(/);
    expect(await activeText(page)).toContain(second);

    // The third file is set aside, on the false-declaration ground, with a reason.
    await page.getByLabel(`Écarter le dossier de Mme Camille Testeuse (${third})`).check();
    await page.getByLabel(`Motif d’exclusion de Mme Camille Testeuse (${third})`).fill('Attestation NUD postérieure à la date déclarée');
    await page.getByLabel(/^Fausse déclaration/).check();
    expect(await items.count()).toBe(2);

    // To the send button with the keyboard only.
    await items
      .first()
      .getByRole('button', { name: /^Descendre/ })
      .focus();
    for (let tab = 0; tab < 20 && (await activeText(page)) !== 'Transmettre la décision'; tab++) await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Transmettre la décision');
    await page.keyboard.press('Enter');
    const sent = page.getByRole('status').filter({ hasText: /^Décision transmise/ });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(`proposé d’abord à Mme Camille Testeuse (${second}) ; 1 dossier(s) écarté(s)`);

    // The API agrees: the moved file is offered first, the third excluded with the ground at the head of its reason.
    expect((await statusOf(employees[1]!.token, offerId, ['OFFERED'])).position).toBe(1);
    const excluded = await myApplication(employees[2]!.token, offerId);
    expect(excluded?.status).toBe('EXCLUDED');
    expect((excluded as { commissionReason?: string }).commissionReason).toMatch(/^Fausse déclaration .* : Attestation NUD postérieure/);
    expect((await historyOf(offerId, 'commission')).events.map((event) => event.kind)).toContain('COMMISSION_DECISION');
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Décision de la commission').waitFor();
    expect(await history.textContent()).toContain('tour 1 · 2 dossiers classés · 1 écarté');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000); // three applications, a window of seconds, the robot, then the browser

  it('has no serious or critical accessibility violation on the offers to examine at the phone size', async () => {
    const { context, page } = await newPage(browser(), 'phone');
    await logInAsDemo(page, 'commission');
    await page.getByRole('link', { name: 'Offres à examiner' }).click();
    await page.getByRole('table', { name: /Offres publiées/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the landlord an unfilled offer’s history and republishes it', async () => {
    await eventOf(unappliedOfferId, 'OFFER_UNFILLED');
    const { context, page } = await newPage(browser(), 'desktop');
    await logInAsDemo(page, 'landlord');
    await page.goto(`/bailleur/offres/${unappliedOfferId}`);
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Étape : offre non pourvue').waitFor();
    expect(await history.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(
        /^\d{1,2} [^ ]+ 20\d\d à \d\d:\d\d · Sélection des dossiers par le robot \(robot\)tour 1 · aucune candidature · aucun dossier retenu$/,
      ),
      expect.stringMatching(/ · Offre non pourvue \(traitement\)aucune candidature$/),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())?.replace(/^Offre /, '');

    await page.getByRole('button', { name: 'Republier l’offre' }).click();
    await page.getByRole('heading', { level: 1, name: `Offre ${reference}-RP` }).waitFor();
    expect(await page.locator('.lead').textContent()).toContain('Publiée');
    await page.goto(`/bailleur/offres/${unappliedOfferId}`);
    await page.getByRole('link', { name: 'voir la nouvelle offre' }).waitFor();
    expect(await page.getByRole('button', { name: 'Republier l’offre' }).count()).toBe(0);
    await context.close();
  });

  it('shows the landlord the rounds of an offer whose first round was all set aside (issue #13 item 6)', async () => {
    const employees = await applicants(4);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
    const exclusions = employees
      .slice(0, 3)
      .map((employee) => ({ applicationId: employee.id, reason: 'Ressources insuffisantes pour ce loyer' }));
    expect((await decide(offerId, { ranking: [], exclusions })).status).toBe(200);
    await eventOf(offerId, 'ROUND_STARTED');

    const { context, page } = await newPage(browser(), 'desktop');
    await logInAsDemo(page, 'landlord');
    await page.goto(`/bailleur/offres/${offerId}`);
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('tour de sélection 2', { exact: false }).waitFor();
    const items = await history.getByRole('listitem').allTextContents();
    expect(items).toEqual([
      expect.stringMatching(/ · Sélection des dossiers par le robot \(robot\)tour 1 · 4 candidatures · 3 dossiers retenus$/),
      expect.stringMatching(/ · Décision de la commission \(commission\)tour 1 · .*3 écartés$/),
      expect.stringMatching(/ · Nouveau tour : dossiers suivants présentés \(robot\)tour 2 · 1 dossier retenu$/),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
