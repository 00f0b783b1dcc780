import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloud, eventually } from '../support/api.ts';
import { launchBrowser, newPage, seriousViolations, type ViewportName } from '../support/browser.ts';
import { mailsTo, registeredEmployee, registration } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The id of the element that has the keyboard focus. */
const focusedId = (page: Page): Promise<string | undefined> => page.evaluate('document.activeElement?.id');

const passwordLinks = (text: string) => [...text.matchAll(/https?:\/\/\S+\/mot-de-passe\?jeton=[\w-]+/g)].map((match) => match[0]);

/** The link of the welcome e-mail, as the newcomer clicks it. */
async function mailedLink(address: string): Promise<string> {
  const mail = await eventually('the welcome e-mail', async () => (await mailsTo(address))[0]);
  const [link] = passwordLinks(mail.body.text ?? '');
  if (!link) throw new Error('no password link in the welcome e-mail');
  return link;
}

async function fillRegistration(page: Page, values: ReturnType<typeof registration>) {
  await page.getByLabel('Madame').check();
  await page.getByLabel('Nom', { exact: true }).fill(values.lastName);
  await page.getByLabel('Prénom').fill(values.firstName);
  await page.getByLabel('Adresse e-mail').fill(values.email);
  await page.getByLabel('Téléphone').fill(values.phone);
  await page.getByLabel('Numéro unique de demande').fill(values.nud);
  await page.getByLabel('SIRET de votre employeur').fill(values.siret);
  await page.getByLabel('J’accepte que mes données').check();
}

describe('a newcomer in the browser', () => {
  it('registers, opens the e-mailed link, chooses a password, logs in and reaches the signed-in shell', async () => {
    const { context, page } = await newPage(browser, 'phone');
    const values = registration();
    await page.goto('/');
    await page.getByRole('link', { name: 'Créer mon compte' }).first().click();
    await expect.poll(() => page.title()).toBe('Créer mon compte — Alin');
    await fillRegistration(page, values);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Consultez votre messagerie' }).waitFor();

    const link = await mailedLink(values.email);
    // The e-mail links to the app on the API's origin (APP_URL), not to a JSON 404.
    expect(new URL(link).origin).toBe(new URL(cloud().api).origin);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choisir mon mot de passe' }).waitFor();
    await page.getByLabel('Nouveau mot de passe').fill('Logement2026');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();

    await page.getByText('Votre mot de passe est enregistré').waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.getByLabel('Adresse e-mail').fill(values.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const shell = page.getByRole('navigation', { name: 'Navigation de mon espace' });
    await shell.waitFor();
    await expect.poll(() => shell.textContent()).toContain(values.email.toLowerCase());
    await page.getByRole('heading', { name: 'Salarié' }).waitFor();
    // Tokens stay in the page's memory: nothing in either web storage, no cookie the page can read.
    expect(await page.evaluate('localStorage.length + sessionStorage.length + document.cookie.length')).toBe(0);
    // A reload forgets the memory: the session comes back through the refresh route's HttpOnly cookie.
    await page.reload();
    await shell.waitFor();
    await page.getByRole('heading', { name: 'Salarié' }).waitFor();

    // Logging out revokes the session: a reload does not bring it back.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté.').waitFor();
    await page.goto('/espace');
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await context.close();
  });

  it('gets a new password through "Mot de passe oublié" and logs in with it', async () => {
    const employee = await registeredEmployee();
    const { context, page } = await newPage(browser, 'phone');
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail de votre compte').fill(employee.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByRole('heading', { name: 'Consultez votre messagerie' }).waitFor();

    // The welcome e-mail came first; the reset e-mail carries a second link.
    const links = await eventually('the password reset e-mail', async () => {
      const found = (await mailsTo(employee.email)).flatMap((mail) => passwordLinks(mail.body.text ?? ''));
      return found.length >= 2 ? found : undefined;
    });
    await page.goto(links.at(-1)!);
    await page.getByLabel('Nouveau mot de passe').fill('Nouveau2027');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText('Votre mot de passe est enregistré').waitFor();
    await page.getByLabel('Adresse e-mail').fill(employee.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('Nouveau2027');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();
    await context.close();
  });

  it('shows the API’s field message beside the field it names', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await page.goto('/inscription');
    // A well-formed SIRET of no declared company: only the API can tell.
    await fillRegistration(page, registration({ siret: uniqueSiret() }));
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    const field = page.getByLabel('SIRET de votre employeur');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('-erreur'))}"]`);
    expect(await message.textContent()).toBe('Aucune entreprise n’est déclarée avec ce SIRET.');
    // The summary above the form is focused and links to the field.
    const summary = page.getByRole('heading', { name: 'Le formulaire contient une erreur' });
    await summary.waitFor();
    await page.getByRole('link', { name: /SIRET de votre employeur : Aucune entreprise/ }).click();
    expect(await focusedId(page)).toBe('champ-siret');
    await context.close();
  });

  it('checks a SIRET, and shows the shared schema’s message before sending a malformed one', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await page.goto('/eligibilite');
    await page.getByLabel('Numéro SIRET de votre employeur').fill('123');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Le SIRET doit comporter 14 chiffres.', { exact: true }).waitFor();

    await page.getByLabel('Numéro SIRET de votre employeur').fill('432 198 765 00013');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByRole('heading', { name: 'Votre employeur est éligible' }).waitFor();
    await page.getByRole('link', { name: 'Créer mon compte' }).last().click();
    expect((await page.getByLabel('SIRET de votre employeur').inputValue()).replace(/\s/g, '')).toBe('43219876500013');
    await context.close();
  });

  it('logs in with the keyboard only', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    const employee = cloud().demoAccounts.find((account) => account.key === 'employee')!;
    await page.goto('/connexion');
    await page.getByRole('heading', { name: 'Se connecter', level: 1 }).waitFor();
    // From the top of the page: the skip link, then the form's fields in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    let guard = 0;
    while ((await focusedId(page)) !== 'champ-email' && guard < 10) {
      await page.keyboard.press('Tab');
      guard += 1;
    }
    await page.keyboard.type(employee.email);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('champ-password');
    await page.keyboard.type(cloud().demoPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/espace');
    // The new page's content has the focus, as after a page load: the keyboard goes on from there.
    await expect.poll(() => focusedId(page)).toBe('contenu');
    await context.close();
  });
});

describe('accessibility (axe-core): no serious or critical violation', () => {
  const publicPages = [
    '/',
    '/eligibilite',
    '/inscription',
    '/connexion',
    '/mot-de-passe-oublie',
    '/mot-de-passe?jeton=x',
    '/une-page-qui-n-existe-pas',
  ];
  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`on every public page and the signed-in shell, at the ${viewport} size`, async () => {
      const { context, page } = await newPage(browser, viewport);
      const found: Record<string, unknown> = {};
      const refreshCalls: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/auth/refresh') refreshCalls.push(page.url());
      });
      for (const path of publicPages) {
        await page.goto(path);
        await page.locator('h1').waitFor();
        found[path] = await seriousViolations(page);
      }
      // A form showing its errors too.
      await page.goto('/inscription');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('heading', { name: /Le formulaire contient/ }).waitFor();
      found['/inscription (errors)'] = await seriousViolations(page);
      // Public pages never ask the refresh route: a visitor without a session adds no failed attempt to its limit.
      expect(refreshCalls).toEqual([]);

      const operator = cloud().demoAccounts.find((account) => account.key === 'operator')!;
      await page.goto('/connexion');
      await page.getByLabel('Adresse e-mail').fill(operator.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(cloud().demoPassword);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('navigation', { name: 'Navigation de mon espace' }).waitFor();
      found['/espace'] = await seriousViolations(page);

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
      await context.close();
    });
  }
});

describe('serving the app on the API’s origin', () => {
  const get = (path: string, accept: string) => fetch(`${cloud().api}${path}`, { headers: { accept } });

  it('answers a page address with the app, with its security headers', async () => {
    // Every page address (none is an API path: the app would never be served there).
    const pages = ['/', '/eligibilite', '/inscription', '/mot-de-passe?jeton=abc', '/connexion', '/mot-de-passe-oublie'];
    for (const path of [...pages, '/espace', '/ma-situation', '/ma-situation/modifier', '/mes-documents']) {
      const response = await get(path, 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<div id="root"></div>');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves the built files for a year, keeps API routes and JSON 404s as they were', async () => {
    const html = await (await get('/', 'text/html')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await get(script ?? '/assets/none.js', '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const health = await get('/health', 'text/html');
    expect(health.headers.get('content-type')).toContain('application/json');
    const missing = await get('/nulle-part', 'application/json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    expect((await get('/.fingerprint', 'application/json')).status).toBe(404);
    expect((await get('/assets/none.js', '*/*')).status).toBe(404);
  });
});
