import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { webImmutablePrefix, webSecurityHeaders } from '#definitions/web.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The built app and the origins its pages may send documents to (the bucket's presigned URLs). */
export interface WebSite {
  readonly root: string;
  readonly uploadOrigins?: readonly string[];
}

export interface WebFile {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

async function fileAt(file: string): Promise<Buffer | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? readFile(file) : undefined;
}

/**
 * The built web app (`web/dist`), as CloudFront serves it: a file of the build when the path names
 * one; `index.html` for any other path a browser navigates to (it accepts HTML), so that the app's
 * router shows the page (`/mot-de-passe?jeton=…`); nothing otherwise (the gateway's 404).
 * Every answer carries the security headers (definitions/web.ts).
 */
export async function webFile(site: WebSite, pathname: string, accept: string | undefined): Promise<WebFile | undefined> {
  const { root } = site;
  const securityHeaders = webSecurityHeaders(site.uploadOrigins);
  let relative: string;
  try {
    relative = path.posix.normalize(decodeURIComponent(pathname));
  } catch {
    return undefined; // a malformed escape names no file
  }
  // Dot files (the build's fingerprint) and anything outside the build are never served.
  const named = relative.split('/').some((part) => part.startsWith('.')) ? undefined : path.join(root, relative);
  const file = named?.startsWith(path.join(root, path.sep)) ? await fileAt(named) : undefined;
  if (file && named) {
    const immutable = relative.startsWith(webImmutablePrefix);
    return {
      status: 200,
      headers: {
        ...securityHeaders,
        'content-type': contentTypes[path.extname(named)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body: file,
    };
  }
  if (!accept?.includes('text/html')) return undefined;
  const index = await fileAt(path.join(root, 'index.html'));
  if (!index) return undefined;
  return {
    status: 200,
    headers: { ...securityHeaders, 'content-type': contentTypes['.html'] ?? 'text/html', 'cache-control': 'no-cache' },
    body: index,
  };
}
