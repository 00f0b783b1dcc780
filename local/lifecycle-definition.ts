import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lifecycleFunctionTimeoutSeconds, lifecycleFunctions, lifecycleTaskStates } from '#definitions/lifecycle.ts';
import { invokeLocal } from './lambda.ts';
import type { LocalStateMachine } from './stepfunctions/asl-preparation.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');

/** Everything the synthesized definition depends on: the CDK code, the definitions, the CDK version. */
const sources = ['lib', 'definitions', 'local/lifecycle-synth.ts', 'local/stepfunctions/asl.ts', 'package-lock.json'];

const cacheDir = path.join(projectRoot, 'node_modules', '.cache', 'alin-local');

async function filesUnder(relative: string): Promise<string[]> {
  const absolute = path.join(projectRoot, relative);
  if (/\.(ts|json)$/.test(relative)) return [absolute];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
}

/** A digest of the sources' paths and contents, and of what the definition is asked for. */
async function sourcesDigest(name: string, pseudo: { region: string; accountId: string }): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ name, pseudo }));
  const files = (await Promise.all(sources.map(filesUnder))).flat().sort();
  for (const file of files) hash.update(path.relative(projectRoot, file)).update(await readFile(file));
  return hash.digest('hex').slice(0, 32);
}

/**
 * The offer lifecycle as deployed, run locally: its definition comes from synthesizing the CDK
 * construct (`lifecycle-synth.ts`), each Task state run by the handler `definitions/lifecycle.ts`
 * names. Synthesizing costs seconds of CPU (loading the CDK library, then the synthesis), so the
 * result is kept under `node_modules/.cache` by a digest of every source it depends on: a change
 * to the construct, the definitions or the CDK version synthesizes again. Nothing is copied by hand.
 */
export async function localOfferLifecycle(name: string, pseudo: { region: string; accountId: string }): Promise<LocalStateMachine> {
  const digest = await sourcesDigest(name, pseudo);
  const cached = path.join(cacheDir, `offer-lifecycle-${digest}.json`);
  let definition = await readFile(cached, 'utf8').then(
    (text) => JSON.parse(text) as object,
    () => undefined,
  );
  if (!definition) {
    const { synthesizeOfferLifecycle } = await import('./lifecycle-synth.ts');
    definition = synthesizeOfferLifecycle(name, pseudo);
    // Written aside then renamed: clouds starting together never read half a file.
    await mkdir(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(definition));
    await rename(partial, cached);
  }
  const taskHandlers = Object.fromEntries(
    Object.entries(lifecycleTaskStates).map(([state, fnId]) => {
      const entry = lifecycleFunctions[fnId].handler;
      return [state, (input: unknown) => invokeLocal(entry, input, { timeoutSeconds: lifecycleFunctionTimeoutSeconds })];
    }),
  );
  return { name, definition, taskHandlers };
}
