import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './harness.ts';

/** A static import in Rollup's minified output: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{…}from"./x.js"`. */
const staticImport = /(?:\bfrom|\bimport)\s*"(\.\/[^"]+\.js)"/g;

/**
 * `web-employee-entry-js-gzip-kb`: the JavaScript a browser must fetch before the employee's first
 * signed-in page (`/espace`, the dashboard, which the router imports statically) can show, each
 * file gzipped as a CDN serves it, in KB (1,024 bytes).
 *
 * Counted: the entry chunk `index.html` loads (`<script type="module">`) and every chunk it
 * imports statically, transitively; these are the files Vite also lists as `modulepreload`. That
 * holds the public pages, the signed-in shell, the session, the API client, the route schemas the
 * entry uses, React, React Router and TanStack Query. Not counted: the chunks behind a dynamic
 * `import()` (each signed-in area loads on first visit: "Ma situation", "Offres", …), and CSS.
 */
export async function webEntryBenchmark(webRoot: string): Promise<Figure> {
  const html = await readFile(path.join(webRoot, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*\ssrc="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error(`no module script in ${webRoot}/index.html`);
  const files = new Map<string, Buffer>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    const code = await readFile(path.join(webRoot, file));
    files.set(file, code);
    for (const [, imported = ''] of code.toString('utf8').matchAll(staticImport)) {
      pending.push(path.posix.join(path.posix.dirname(file), imported));
    }
  }
  const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*\shref="\/([^"]+)"/g)].map((match) => match[1]);
  const missing = preloaded.filter((file) => file !== undefined && !files.has(file));
  if (missing.length) throw new Error(`modulepreload files outside the entry's static imports: ${missing.join(', ')}`);

  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const raw = [...files.values()].reduce((sum, code) => sum + code.length, 0);
  const gzipped = [...files.values()].reduce((sum, code) => sum + gzipSync(code).length, 0);
  return {
    name: 'web-employee-entry-js-gzip-kb',
    value: kb(gzipped),
    unit: 'KB',
    goal: { op: '<=', value: 150 },
    details: { files: files.size, rawKb: kb(raw) },
  };
}
