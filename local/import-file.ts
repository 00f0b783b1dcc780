/**
 * `npm run import -- <file> [--landlord <id>]`: uploads an offer file (CSV, JSON or NDJSON) to the
 * running local cloud as the landlord's systems would, and shows a progress bar until the report
 * is ready. Logs in as the demo landlord user of that landlord (Paris Habitat Demo by default)
 * through the API, exactly as `npm run token` does; `--landlord` picks another demo landlord by id.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportUpload, ImportView } from '#imports/import-schemas.ts';
import { portsFromEnvironment } from './ports.ts';
import { demoAccounts, demoPassword } from './seed.ts';

const usage = 'Usage: npm run import -- <file.csv|file.json|file.ndjson> [--landlord <landlordId>]';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { landlord: { type: 'string' } } });
const file = positionals[0];
const landlords = demoAccounts.filter((account) => account.key.startsWith('landlord'));
const account = values.landlord
  ? landlords.find((candidate) => candidate.attributes?.['custom:landlordId'] === values.landlord)
  : landlords[0];
if (!file || !account) {
  console.error(usage);
  console.error(`Demo landlords: ${landlords.map((a) => `${a.attributes?.['custom:landlordId']} (${a.description})`).join(', ')}`);
  process.exit(2);
}
const extension = path.extname(file).slice(1).toLowerCase();
const format = extension === 'csv' ? 'csv' : ['json', 'ndjson', 'jsonl'].includes(extension) ? 'json' : undefined;
if (!format) {
  console.error(`${usage}\nUnknown file type: .${extension}`);
  process.exit(2);
}

const api = process.env.API_URL ?? `http://localhost:${portsFromEnvironment().api}`;
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
/** The API's error message (`{ error: { message } }`), when the answer carries one. */
const apiErrorMessage = (json: unknown): unknown => {
  if (typeof json !== 'object' || json === null || !('error' in json)) return undefined;
  const { error } = json;
  return typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
};
/** Calls the API; `Answer` is the route's documented response body. */
const call = async <Answer>(method: string, route: string, token?: string, body?: unknown): Promise<Answer> => {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((error: unknown) => fail(`No answer from ${api} (${error instanceof Error ? error.name : 'error'}): is \`npm start\` running?`));
  const json: unknown = await response.json().catch(() => ({}));
  if (!response.ok) fail(`${method} ${route} answered ${response.status}: ${apiErrorMessage(json) ?? JSON.stringify(json)}`);
  return json as Answer;
};

const bytes = await readFile(file).catch(() => fail(`Cannot read ${file}`));
const { idToken } = await call<{ idToken: string }>('POST', '/auth/login', undefined, { email: account.email, password: demoPassword });
const requested = await call<ImportUpload>('POST', '/landlord/imports', idToken, {
  format,
  filename: path.basename(file),
  sizeBytes: bytes.length,
});
const put = await fetch(requested.upload.url, { method: 'PUT', headers: requested.upload.headers, body: bytes });
if (!put.ok) fail(`Upload answered ${put.status}: ${await put.text()}`);
console.log(`Import ${requested.importId}: ${path.basename(file)} (${bytes.length} octets) déposé sous ${requested.objectKey}`);

const bar = (done: number, total: number | undefined) => {
  if (!total) return `[${' '.repeat(30)}] lecture du fichier…`;
  const filled = Math.round((done / total) * 30);
  return `[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${done}/${total} lignes`;
};
const interactive = process.stdout.isTTY;
let view: ImportView;
for (;;) {
  view = await call<ImportView>('GET', `/landlord/imports/${requested.importId}`, idToken);
  const line = `${view.status.padEnd(15)} ${bar(view.progress.rowsDone, view.progress.rowsTotal)}`;
  if (interactive) process.stdout.write(`\r${line}`);
  if (view.status === 'DONE' || view.status === 'FAILED') break;
  if (!interactive) console.log(line);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
if (interactive) process.stdout.write('\n');
if (view.failure) console.log(`Fichier refusé (${view.failure.code}) : ${view.failure.message}`);
const { read, created, updated, unchanged, published, rejected } = view.counts;
console.log(
  `Lues ${read} · créées ${created} · modifiées ${updated} · inchangées ${unchanged} · publiées ${published} · refusées ${rejected}`,
);
for (const error of view.errors) {
  console.log(
    `  ligne ${error.line}${error.externalReference ? ` (${error.externalReference})` : ''}${error.field ? `, ${error.field}` : ''} : ${error.message}`,
  );
}
if (view.errorCount > view.errors.length) console.log(`  … ${view.errorCount - view.errors.length} autres erreurs dans le rapport`);
if (view.reportUrl) console.log(`Rapport complet : ${view.reportUrl}`);
process.exit(view.status === 'DONE' ? 0 : 1);
