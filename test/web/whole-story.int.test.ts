import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { employeeWithCompleteFile } from '../applications/support.ts';
import { applyAll, statusOf } from '../lifecycle/support.ts';
import { api, eventually } from '../support/api.ts';
import { testEmployeePassword } from '../support/employees.ts';
import { newPage, seriousViolations, logIn, logInAsDemo } from '../support/browser.ts';
import { companyWithHr } from '../support/company-hr.ts';
import { webCloudOfFile, windowOfSeconds } from '../support/own-cloud.ts';
import { mailsTo, registration, unique } from '../support/registration.ts';

/**
 * Issue #14's whole story, in a cloud of the file's own whose application window lasts seconds
 * (the shared one keeps 7 days) and whose gateway serves the web app.
 */
const browser = webCloudOfFile({ durations: windowOfSeconds(20) });

const newcomerPassword = 'Logement2026';

/** Letters only, as the registration accepts in a name. */
const letterTag = () =>
  Date.now()
    .toString()
    .slice(-7)
    .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'a');

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const tabLink = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Onglets des offres' }).getByRole('link', { name: new RegExp(`^${label} \\(\\d+\\)$`) });

/** Registers in the browser, opens the welcome e-mail's link, chooses a password and logs in. */
async function registerInBrowser(page: Page, values: ReturnType<typeof registration>) {
  await page.goto('/inscription');
  await page.getByLabel('Madame').check();
  await page.getByLabel('Nom', { exact: true }).fill(values.lastName);
  await page.getByLabel('Prénom').fill(values.firstName);
  await page.getByLabel('Adresse e-mail').fill(values.email);
  await page.getByLabel('Téléphone').fill(values.phone);
  await page.getByLabel('Numéro unique de demande').fill(values.nud);
  await page.getByLabel('SIRET de votre employeur').fill(values.siret);
  await page.getByLabel('J’accepte que mes données').check();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Consultez votre messagerie' }).waitFor();

  const mail = await eventually('the welcome e-mail', async () => (await mailsTo(values.email))[0]);
  const link = /https?:\/\/\S+\/mot-de-passe\?jeton=[\w-]+/.exec(mail.body.text ?? '')?.[0];
  if (!link) throw new Error('no password link in the welcome e-mail');
  await page.goto(link);
  await page.getByLabel('Nouveau mot de passe').fill(newcomerPassword);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.getByText('Votre mot de passe est enregistré').waitFor();
  await page.getByLabel('Adresse e-mail').fill(values.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(newcomerPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();
}

/** "Ma situation" as the applicants made through the API declare it (household of 2, T2/T3 in Paris ≤ 950 €), the request 11 months old. */
async function fillSituation(page: Page) {
  await page.getByRole('link', { name: 'Ma situation' }).click();
  await page.getByRole('link', { name: 'Modifier ma situation' }).click();
  await page.getByLabel('Date de première inscription').fill(isoDaysAgo(350));
  await page.getByRole('group', { name: 'Personne 1' }).getByLabel('Date de naissance').fill('1996-05-14');
  await page.getByRole('button', { name: 'Ajouter une personne' }).click();
  await page.getByRole('group', { name: 'Personne 2' }).getByLabel('Date de naissance').fill('2021-11-02');
  await page.getByLabel('Revenu fiscal de référence').fill('24 500');
  await page.getByRole('group', { name: 'Type de contrat' }).getByLabel('CDI').check();
  await page.getByLabel('Date de début').fill('2022-01-10');
  await page.getByRole('group', { name: 'Période d’essai en cours' }).getByLabel('Non').check();
  await page.getByRole('group', { name: 'Le logement sera votre résidence principale' }).getByLabel('Oui').check();
  await page.getByLabel('Appartement').check();
  await page.getByLabel('T2').check();
  await page.getByLabel('T3').check();
  await page.getByLabel('Surface minimum (m²)').fill('40');
  await page.getByLabel('Loyer mensuel maximum (euros)').fill('950');
  await page.getByRole('combobox', { name: 'Communes' }).fill('Paris');
  await page.getByRole('option', { name: /^Paris / }).click();
  await page.getByRole('button', { name: 'Retirer Paris' }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer ma situation' }).click();
  await page.getByText('Votre situation est enregistrée.').waitFor();
}

/** Every required document, sent from "Mes documents" straight to storage; waits until each is received. */
async function uploadRequiredDocuments(page: Page) {
  await page.getByRole('link', { name: 'Mes documents' }).click();
  const pdf = Buffer.from('%PDF-1.4\n% Alin test\n'.padEnd(4096, '.'));
  const rows = requiredDocumentTypes(documentRules).map((type) => ({
    filename: `${type}.pdf`,
    row: page.getByRole('region', { name: new RegExp(`^${escaped(documentRules.types[type].label)}`) }),
    label: documentRules.types[type].label,
  }));
  for (const { filename, row, label } of rows) {
    await row.getByLabel(`Fichier : ${label}`).setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: pdf });
    await row.getByRole('button', { name: 'Envoyer' }).click();
  }
  for (const { filename, row } of rows) {
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(`État : reçue — ${filename}`);
  }
}

/** A landlord's offer matching the applicants, created and published from the landlord's pages; its id. */
async function publishInBrowser(page: Page, reference: string, residenceName: string): Promise<string> {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await page.getByRole('link', { name: 'Mes offres' }).click();
  await page.getByRole('link', { name: 'Créer une offre' }).click();
  await field('Référence').fill(reference);
  await field('Nom de la résidence').fill(residenceName);
  await field('Adresse').fill('8 quai de Valmy');
  await field('Code postal').fill('75010');
  await field('Commune (code INSEE)').fill('75056');
  await field('Type de logement').selectOption('apartment');
  await field('Typologie').selectOption('T3');
  await field('Nombre de pièces').fill('3');
  await field('Nombre de chambres').fill('2');
  await field('Surface (m²)').fill('58');
  await field('Étage').fill('3');
  await page.getByRole('group', { name: 'Ascenseur' }).getByLabel('Oui').check();
  await field('Accessibilité').selectOption('accessible');
  await field('Classe énergie').selectOption('C');
  await field('Loyer mensuel hors charges (euros)').fill('610');
  await field('Charges mensuelles (euros)').fill('120');
  await field('Dépôt de garantie (euros)').fill('610');
  await field('Financement').selectOption('PLUS');
  await field('Disponible à partir du').fill('2027-01-01');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByRole('heading', { level: 1, name: `Offre ${reference}` }).waitFor();
  const offerId = new URL(page.url()).pathname.split('/').at(-1)!;
  await page.getByRole('button', { name: 'Publier l’offre' }).click();
  await page.getByRole('region', { name: 'Historique' }).getByText('Période de candidature ouverte').waitFor();
  expect(await page.locator('.lead').textContent()).toContain('Publiée');
  return offerId;
}

describe('issue #14’s whole story in the browser', () => {
  it('a newcomer registers, completes the file, is confirmed, applies; the commission ranks; rank 1 declines, rank 2 accepts', async () => {
    // The second and third applicants and the HR contact, through the API: younger requests (6 and 3 months).
    const [hr, second, third] = await Promise.all([
      companyWithHr('Transports Lemoine'),
      employeeWithCompleteFile({ nudRegisteredDaysAgo: 200 }),
      employeeWithCompleteFile({ nudRegisteredDaysAgo: 100 }),
    ]);
    const values = registration({ siret: hr.siret, lastName: `Durand${letterTag()}` });
    const fullName = `${values.firstName} ${values.lastName}`;

    // The newcomer: registration, the e-mailed link, the password, "Ma situation", "Mes documents".
    const employee = await newPage(browser(), 'phone');
    await registerInBrowser(employee.page, values);
    await fillSituation(employee.page);
    await uploadRequiredDocuments(employee.page);
    const missing = employee.page.getByRole('status').filter({ hasText: 'Votre dossier est incomplet' });
    expect(await missing.locator('li').allTextContents()).toEqual(['Emploi : votre employeur n’a pas encore confirmé votre emploi']);
    expect(await seriousViolations(employee.page)).toEqual([]);

    // The company's HR confirms the employment.
    const hrPage = await newPage(browser(), 'desktop');
    await logIn(hrPage.page, hr.email, hr.password);
    await hrPage.page.goto('/entreprise/salaries');
    const pending = hrPage.page.getByRole('region', { name: /^En attente de confirmation/ });
    await pending.getByRole('button', { name: `Confirmer l’emploi de ${fullName}`, exact: true }).click();
    await hrPage.page
      .getByRole('status')
      .filter({ hasText: `L’emploi de ${fullName} est confirmé.` })
      .waitFor();
    await hrPage.context.close();

    // The file is complete: the offers' tabs replace the list of what is missing.
    await employee.page.reload();
    await employee.page.getByRole('status').filter({ hasText: 'Votre dossier est complet' }).waitFor();
    await employee.page.getByRole('link', { name: 'Offres', exact: true }).click();
    await tabLink(employee.page, 'Communes demandées').waitFor();
    expect(await employee.page.getByRole('status').filter({ hasText: 'Vous ne pouvez pas encore candidater' }).count()).toBe(0);

    // The landlord publishes; the window (20 s) opens.
    const residenceName = `Résidence ${unique()}`;
    const landlord = await newPage(browser(), 'desktop');
    await logInAsDemo(landlord.page, 'landlord');
    const offerId = await publishInBrowser(landlord.page, `WEB-${randomUUID().slice(0, 8)}`, residenceName);
    await landlord.context.close();

    // The newcomer applies in the browser while the two others apply through the API.
    const offerLink = employee.page.getByRole('link', { name: new RegExp(residenceName) });
    await Promise.all([
      applyAll(offerId, [second, third]),
      (async () => {
        await eventually('the offer in "Communes demandées"', async () => {
          await employee.page.goto('/offres');
          await tabLink(employee.page, 'Communes demandées').waitFor();
          return (await offerLink.count()) > 0 ? true : undefined;
        });
        await offerLink.click();
        await employee.page.getByRole('button', { name: 'Je postule' }).click();
        await employee.page.getByRole('status').filter({ hasText: 'Ce logement a bien été ajouté à votre candidature' }).waitFor();
      })(),
    ]);

    // The window closes, the robot selects; the commission moves the third up to rank 2 and sends its decision.
    const commission = await newPage(browser(), 'desktop');
    await logInAsDemo(commission.page, 'commission');
    await commission.page.goto(`/bailleur/offres/${offerId}`);
    const ranking = commission.page.getByRole('list', { name: 'Ordre de proposition' });
    await ranking.waitFor({ timeout: 60_000 });
    const items = ranking.getByRole('listitem');
    expect(await items.count()).toBe(3);
    // The robot's order: the oldest request (the newcomer's, 11 months) scores most.
    expect(await items.allTextContents()).toEqual([
      expect.stringContaining(values.email),
      expect.stringContaining(second.email),
      expect.stringContaining(third.email),
    ]);
    await items
      .filter({ hasText: third.email })
      .getByRole('button', { name: /^Monter/ })
      .click();
    await expect.poll(() => items.nth(1).textContent()).toContain(third.email);
    const runnerUp = third;
    await commission.page.getByRole('button', { name: 'Transmettre la décision' }).click();
    const sent = commission.page.getByRole('status').filter({ hasText: /^Décision transmise/ });
    const refused = commission.page.getByRole('region', { name: /^Le formulaire contient/ });
    await sent.or(refused).first().waitFor();
    expect(await refused.allTextContents()).toEqual([]);
    expect(await sent.textContent()).toContain(values.email);
    await commission.context.close();

    // Rank 1, the newcomer, is offered the dwelling and declines it in "Mes candidatures".
    const login = await api('POST', '/auth/login', { body: { email: values.email, password: newcomerPassword } });
    await statusOf(login.body.idToken, offerId, ['OFFERED']);
    await employee.page
      .getByRole('navigation', { name: 'Navigation de mon espace' })
      .getByRole('link', { name: 'Mes candidatures' })
      .click();
    const offered = employee.page.getByRole('listitem').filter({ hasText: 'Logement proposé : à vous de répondre' });
    await offered.waitFor();
    expect(await seriousViolations(employee.page)).toEqual([]);
    await offered.getByRole('button', { name: /^Je refuse ce logement/ }).click();
    await employee.page.getByRole('listitem').filter({ hasText: 'Logement refusé' }).waitFor();

    // Rank 2 is offered it next and accepts.
    await statusOf(runnerUp.token, offerId, ['OFFERED']);
    const other = await newPage(browser(), 'desktop');
    await logIn(other.page, runnerUp.email, testEmployeePassword);
    await other.page.getByRole('link', { name: 'Mes candidatures' }).click();
    await other.page.getByRole('button', { name: /^J’accepte ce logement/ }).click();
    const accepted = other.page.getByRole('listitem').filter({ hasText: 'Logement accepté' });
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain('Réponse donnée le');
    expect((await statusOf(runnerUp.token, offerId, ['ACCEPTED'])).status).toBe('ACCEPTED');
    await other.context.close();

    // The newcomer still reads the answer given, after a reload.
    await employee.page.reload();
    const declined = employee.page.getByRole('listitem').filter({ hasText: 'Logement refusé' });
    await declined.waitFor();
    expect(await declined.getByRole('button', { name: /^J’accepte ce logement/ }).count()).toBe(0);
    await employee.context.close();
  }, 240_000);
});
