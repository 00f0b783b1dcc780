import { describe, expect, it } from 'vitest';
import { publishedOffer } from '../applications/support.ts';
import { applicants, applyAll, decide, reserveThatLapses, statusOf } from '../lifecycle/support.ts';
import { type TestEmployee, testEmployeePassword, updateEmployeeItem } from '../support/employees.ts';
import { newPage, seriousViolations, logIn } from '../support/browser.ts';
import { webCloudOfFile, windowOfSeconds } from '../support/own-cloud.ts';

/** A cloud of the file's own whose application window lasts seconds (the shared one keeps 7 days). */
const browser = webCloudOfFile({ durations: windowOfSeconds(10) });

describe('"Mes candidatures": answering the dwelling offered, in the browser', () => {
  it('rank 1 sees the deadline and declines; rank 2 is offered the dwelling and accepts; both see the outcome and the score', async () => {
    const [first, second] = await applicants(2);
    const offerId = await publishedOffer();
    await applyAll(offerId, [first!, second!]);
    await statusOf(first!.token, offerId, ['SELECTED']);
    expect((await decide(offerId, { ranking: [{ applicationId: first!.id }, { applicationId: second!.id }] })).status).toBe(200);
    await statusOf(first!.token, offerId, ['OFFERED']);

    const { context, page, card } = await myApplicationCard(first!, 'Logement proposé : à vous de répondre');
    expect(await card.textContent()).toMatch(/Répondre avant le.*\(moins d’un jour pour répondre\)/);
    expect(await card.getByRole('table', { name: /^Votre score : / }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByRole('button', { name: /^Je refuse ce logement/ }).click();
    const refused = page.getByRole('listitem').filter({ hasText: 'Logement refusé' });
    await refused.waitFor();
    // The window is closed: the card's link still opens the offer for its applicant, as closed, without "Je postule".
    await refused.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Les candidatures à cette offre sont closes', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/offres/${offerId}`);
    expect(await page.getByText('Les candidatures à cette offre sont closes.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Je postule' }).count()).toBe(0);
    await context.close();

    await statusOf(second!.token, offerId, ['OFFERED']);
    const other = await newPage(browser(), 'desktop');
    await logIn(other.page, second!.email, testEmployeePassword);
    await other.page.getByRole('link', { name: 'Mes candidatures' }).click();
    await other.page.getByRole('button', { name: /^J’accepte ce logement/ }).click();
    const accepted = other.page.getByRole('listitem').filter({ hasText: 'Logement accepté' });
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain('Réponse donnée le');
    expect(await other.page.getByRole('button', { name: /^J’accepte ce logement/ }).count()).toBe(0);
    expect((await statusOf(second!.token, offerId, ['ACCEPTED'])).status).toBe('ACCEPTED');
    await other.context.close();
  });
});

/** "Mes candidatures" on a phone, signed in as the employee, and the card whose status reads `status`. */
async function myApplicationCard(employee: TestEmployee, status: string) {
  const { context, page } = await newPage(browser(), 'phone');
  await logIn(page, employee.email, testEmployeePassword);
  await page.goto('/mes-candidatures');
  const card = page.getByRole('listitem').filter({ hasText: status });
  await card.waitFor();
  return { context, page, card };
}

describe('"Mes candidatures": an application the re-check at the close left unscored (issue #13 item 2)', () => {
  it('shows the status and why, without a score', async () => {
    const [employee] = await applicants(1);
    const offerId = await publishedOffer();
    await applyAll(offerId, [employee!]);
    // While the window is open, the employer no longer confirms the employment.
    await updateEmployeeItem(employee!.id, 'SET employment = :pending', { ':pending': { status: 'PENDING' } });
    const [reason] = (await statusOf(employee!.token, offerId, ['NOT_ELIGIBLE_AT_CLOSE'])).closeCheckReasons!;

    const { context, page, card } = await myApplicationCard(employee!, 'Non notée : conditions non remplies à la clôture');
    expect(await card.textContent()).toContain('À la clôture, votre dossier ne remplissait plus les conditions');
    expect(await card.getByRole('listitem').allTextContents()).toEqual([reason!.message]);
    expect(await card.getByRole('table', { name: /^Votre score : / }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('"Mes candidatures": a reserve file set aside before round 2', () => {
  it('shows the status, the robot’s score and why it did not go to the commission', async () => {
    // After the close, the employer no longer confirms the employment; round 1 is all excluded.
    const { offerId, reserve } = await reserveThatLapses();
    const [reason] = (await statusOf(reserve.token, offerId, ['NOT_ELIGIBLE_AT_ROUND'])).closeCheckReasons!;

    const { context, page, card } = await myApplicationCard(reserve, 'Écartée du tour suivant : conditions non remplies');
    expect(await card.textContent()).toContain('Avant le tour 2, votre dossier ne remplissait plus les conditions');
    expect(await card.getByRole('listitem').allTextContents()).toEqual([reason!.message]);
    expect(await card.getByRole('table', { name: /^Votre score : / }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
