import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const repository = path.resolve(import.meta.dirname, '..');
const webSource = path.join(repository, 'web');
/** The built app the local gateway serves (gitignored). */
export const webRoot = path.join(webSource, 'dist');
const fingerprintFile = path.join(webRoot, '.fingerprint');
const viteCli = path.join(repository, 'node_modules', 'vite', 'bin', 'vite.js');

/** What the bundle is made of: the app, the browser-safe files it imports from functions/, the dependencies. */
const inputs = [webSource, path.join(repository, 'functions'), path.join(repository, 'package-lock.json')];

async function filesUnder(entry: string): Promise<string[]> {
  const info = await stat(entry);
  if (!info.isDirectory()) return [entry];
  const children = await readdir(entry, { withFileTypes: true });
  const nested = await Promise.all(
    children
      .filter((child) => !(entry === webSource && child.name === 'dist') && child.name !== 'node_modules')
      .map((child) => filesUnder(path.join(entry, child.name))),
  );
  return nested.flat();
}

/** A digest of every input's path, size and modification time: cheap, and it changes with any edit. */
async function fingerprint(): Promise<string> {
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${path.relative(repository, file)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * Builds the web app into `web/dist` unless its sources are unchanged since the last build. The
 * build goes to a folder of its own first, then takes the place of the old one, so that two runs
 * at once (`npm start` beside the tests) never serve or leave a half-written build.
 */
export async function ensureWebBuild(): Promise<{ readonly rebuilt: boolean; readonly seconds: number }> {
  const started = performance.now();
  const current = await fingerprint();
  const previous = await readFile(fingerprintFile, 'utf8').catch(() => undefined);
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  if (previous === current) return { rebuilt: false, seconds: seconds() };

  const staging = path.join(repository, '.local', `web-build-${process.pid}-${Date.now()}`);
  await mkdir(path.dirname(staging), { recursive: true });
  // A process of its own, in production mode whatever this one's NODE_ENV (vitest sets `test`,
  // which would ship React's development build and the JSX dev runtime, 20-50 % larger).
  await run(process.execPath, [viteCli, 'build', webSource, '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repository,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  await writeFile(path.join(staging, '.fingerprint'), current);
  const old = `${staging}-old`;
  await rename(webRoot, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, webRoot).catch(async (error: NodeJS.ErrnoException) => {
    // Another run put its build of the same sources in place meanwhile: keep it.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    await rm(staging, { recursive: true, force: true });
  });
  await rm(old, { recursive: true, force: true });
  return { rebuilt: true, seconds: seconds() };
}
