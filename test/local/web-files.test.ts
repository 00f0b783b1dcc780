import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webSecurityHeaders } from '#definitions/web.ts';
import { webFile } from '#local/web-files.ts';

let root: string;
let site: { root: string; uploadOrigins: string[] };
beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'web-files-'));
  root = path.join(parent, 'dist');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, '.fingerprint'), 'secret-ish');
  await writeFile(path.join(parent, 'outside.txt'), 'outside');
  site = { root, uploadOrigins: ['http://127.0.0.1:4569'] };
});
afterAll(() => rm(path.dirname(root), { recursive: true, force: true }));

const html = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('the web app as the local gateway serves it', () => {
  it('serves a built file with its type, a year of cache for hashed assets, and the security headers', async () => {
    const file = await webFile(site, '/assets/index-abc.js', '*/*');
    expect(file?.body.toString()).toBe('console.log(1)');
    expect(file?.headers).toMatchObject({
      ...webSecurityHeaders(['http://127.0.0.1:4569']),
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  it('answers any page address a browser navigates to with index.html (SPA fallback), never cached', async () => {
    for (const page of ['/', '/mot-de-passe', '/espace/candidatures', '/assets/missing.js']) {
      const file = await webFile(site, page, html);
      expect(file?.body.toString()).toContain('<div id="root">');
      expect(file?.headers['cache-control']).toBe('no-cache');
      expect(file?.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(file?.headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:4569;");
    }
  });

  it('answers nothing (the API’s 404) for a missing file a script or an API client asks for', async () => {
    expect(await webFile(site, '/assets/missing.js', '*/*')).toBeUndefined();
    expect(await webFile(site, '/offres', 'application/json')).toBeUndefined();
    expect(await webFile(site, '/anything', undefined)).toBeUndefined();
  });

  it('never serves a dot file or a file outside the build', async () => {
    expect(await webFile(site, '/.fingerprint', '*/*')).toBeUndefined();
    expect(await webFile(site, '/../outside.txt', '*/*')).toBeUndefined();
    expect(await webFile(site, '/%2e%2e/outside.txt', '*/*')).toBeUndefined();
    expect(await webFile(site, '/assets/%E0%A4%A', '*/*')).toBeUndefined();
    // A browser navigating there gets the app, not the file.
    expect((await webFile(site, '/%2e%2e/outside.txt', html))?.body.toString()).toContain('<div id="root">');
  });
});
