import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bucketNotifications } from '#definitions/bucket-notifications.ts';
import { lifecycleFunctions } from '#definitions/lifecycle.ts';
import { routeList } from '#definitions/routes.ts';
import { schedules } from '#definitions/schedules.ts';
import { streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import { functionsRoot, serviceBundling } from '#lib/constructs/service-function.ts';
import { defaultProvider } from '#shared/lambda-credentials.ts';

const run = promisify(execFile);

/** Largest minified bundle (`index.mjs`) a function may ship; a bigger one costs its cold start (issue 15). */
const maxBundleBytes = 500 * 1024;
/**
 * A bundle that carries the S3 client: about 135 KB more minified (the schemas of its operations,
 * its endpoint rules, checksums, XML). Only the functions that call S3 operations carry it (erase-me
 * deletes objects, receive-import reads files, health checks the bucket: 600–630 KB); the ones that
 * only hand out links sign them without it (`#shared/presign.ts`). Held where they stand.
 */
const maxS3BundleBytes = 630 * 1024;
const projectRoot = path.dirname(functionsRoot);
const s3Client = `${path.sep}node_modules${path.sep}@aws-sdk${path.sep}client-s3${path.sep}`;

/**
 * The esbuild options the CDK derives from the functions' bundling options (its command line), so
 * that this test bundles exactly as `cdk synth` does. An option added to `serviceBundling` that is
 * not translated here fails the test rather than being silently ignored.
 */
function esbuildOptionsOf(bundling: BundlingOptions): BuildOptions {
  const {
    format,
    target,
    mainFields,
    banner,
    minify,
    sourceMap,
    sourceMapMode,
    sourcesContent,
    bundleAwsSDK,
    externalModules,
    esbuildArgs,
    // Copies data files beside the bundle, after it is written: no part of `index.mjs`.
    commandHooks: _afterBundling,
    ...untranslated
  } = bundling;
  expect(untranslated, 'bundling options this test does not translate').toEqual({});
  const { '--alias': alias, ...otherArgs } = esbuildArgs ?? {};
  expect(otherArgs, 'esbuild arguments this test does not translate').toEqual({});
  const [aliased, replacement] = typeof alias === 'string' ? alias.split('=') : [];
  expect(bundleAwsSDK, 'the SDK is bundled, so it counts in the size').toBe(true);
  expect(sourceMapMode, 'the source map is a separate file').toBe('default');
  return {
    bundle: true,
    platform: 'node',
    format,
    target,
    mainFields,
    banner: banner === undefined ? undefined : { js: banner },
    minify,
    sourcemap: sourceMap,
    sourcesContent,
    external: externalModules,
    alias: aliased && replacement ? { [aliased]: replacement } : undefined,
  };
}

describe('Lambda bundles', () => {
  it('every function bundle stays within 500 KB minified, 630 KB with the S3 client', { timeout: 300_000 }, async () => {
    // Every handler of the definition tables the stacks create their functions from, bundled in
    // one esbuild run (a synthesis with bundling runs esbuild once per function: minutes).
    const entries = [
      ...new Set(
        [
          ...routeList,
          ...[schedules, bucketNotifications, streamSubscriptions, lifecycleFunctions].flatMap((table) => Object.values(table)),
        ].map((definition) => definition.handler),
      ),
    ];
    expect(entries.length).toBeGreaterThan(50);
    const result = await build({
      ...esbuildOptionsOf(serviceBundling),
      entryPoints: entries.map((entry) => path.join(functionsRoot, entry)),
      // The CDK runs esbuild from the project's root, against which the alias is written.
      absWorkingDir: projectRoot,
      outbase: functionsRoot,
      outdir: '/bundle-size',
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const sizes = Object.entries(result.metafile.outputs)
      .filter(([, output]) => output.entryPoint !== undefined)
      .map(([, output]) => ({
        entry: path.relative(functionsRoot, path.resolve(projectRoot, output.entryPoint ?? '')),
        bytes: output.bytes,
        limit: Object.keys(output.inputs).some((input) => path.resolve(projectRoot, input).includes(s3Client))
          ? maxS3BundleBytes
          : maxBundleBytes,
      }));
    expect(sizes).toHaveLength(entries.length);
    const oversized = sizes
      .filter(({ bytes, limit }) => bytes > limit)
      .sort((a, b) => b.bytes - a.bytes)
      .map(({ entry, bytes }) => `${entry}: ${Math.round(bytes / 1024)} KB`);
    expect(oversized, `bundles over ${maxBundleBytes / 1024} KB (${maxS3BundleBytes / 1024} KB with the S3 client)`).toEqual([]);
  });
});

describe('What a bundle reads beside it', () => {
  it('reference data: only the files its code names, read through the package.json copied with them', { timeout: 120_000 }, async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), 'bundle-data-'));
    try {
      // A module that reads both tables, bundled and completed as the CDK does it.
      await writeFile(
        path.join(outdir, 'entry.ts'),
        `import { loadGeography } from '${path.join(functionsRoot, 'offers/reference/geography.ts')}';
export const zoneOfParis12 = async () => (await loadGeography()).zoneOf('75112');`,
      );
      await build({
        ...esbuildOptionsOf(serviceBundling),
        entryPoints: [path.join(outdir, 'entry.ts')],
        absWorkingDir: projectRoot,
        outfile: path.join(outdir, 'index.mjs'),
        logLevel: 'error',
      });
      for (const command of serviceBundling.commandHooks?.afterBundling(projectRoot, outdir) ?? []) await run('bash', ['-c', command]);
      expect((await readdir(path.join(outdir, 'data'), { recursive: true })).sort()).toEqual([
        'geo',
        'geo/communes-limitrophes.json',
        'reference',
        'reference/communes-cog-2026.json',
      ]);
      // Another folder than the project's: nothing resolves to the sources.
      const { stdout } = await run(process.execPath, [
        '--input-type=module',
        '--eval',
        `const { zoneOfParis12 } = await import(${JSON.stringify(path.join(outdir, 'index.mjs'))}); console.log(await zoneOfParis12());`,
      ]);
      expect(stdout.trim()).toBe('A');
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});

describe('Credentials in a bundle', () => {
  it('are the ones Lambda puts in the environment', async () => {
    const provide = defaultProvider(undefined, {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_CREDENTIAL_EXPIRATION: '2026-12-03T18:00:00Z',
    });
    await expect(provide()).resolves.toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2026-12-03T18:00:00Z'),
    });
    await expect(defaultProvider(undefined, {})()).rejects.toThrow('No AWS credentials in the environment');
  });
});
