import { afterAll, beforeAll, it } from 'vitest';
import { webRoot } from '#local/web-build.ts';
import { publishedOffer } from '../applications/support.ts';
import { applicants, applyAll } from '../lifecycle/support.ts';
import { cloud } from '../support/api.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { type OwnCloud, startOwnCloud } from '../support/own-cloud.ts';

let own: OwnCloud | undefined;
beforeAll(async () => {
  own = await startOwnCloud({ durations: { applicationWindow: 'PT8S', commissionDeadline: 'PT10M', commissionGrace: 'PT10M', acceptancePeriod: 'PT10M' }, webRoot });
}, 120_000);
afterAll(() => own?.stop());

it('shots', async () => {
  const employees = await applicants(3);
  const offerId = await publishedOffer();
  await applyAll(offerId, employees);
  const browser = await launchBrowser();
  for (const viewport of ['phone', 'desktop'] as const) {
    const { context, page } = await newPage(browser, viewport);
    const account = cloud().demoAccounts.find((candidate) => candidate.key === 'commission')!;
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(cloud().demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();
    await page.goto(`/bailleur/offres/${offerId}`);
    await page.getByRole('list', { name: 'Ordre de proposition' }).waitFor({ timeout: 60_000 });
    await page.getByRole('checkbox').last().check();
    await page.screenshot({ path: `/tmp/g2shots/commission-${viewport}.png`, fullPage: true });
    await context.close();
  }
  await browser.close();
}, 120_000);
