import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median, type Figure } from './harness.ts';

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, '..');

/** Fresh processes per bundle: the init figure of a bundle is the median of these. */
const spawnsPerBundle = 3;
const maxBundleKb = 500;
const maxInitMs = 100;

/**
 * Values for what the template leaves to CloudFormation (`Ref`, `Fn::ImportValue`, `Fn::GetAtt`):
 * plausible ones, of the shapes the config module checks.
 */
const pseudoParameters: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-3',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};
const deployedValues: Readonly<Record<string, string>> = {
  TABLE_NAME: 'alin-housing-stateful-Table-1ABCDEF2345G',
  BUCKET_NAME: 'alin-housing-stateful-uploads-1abcdef2345g',
  USER_POOL_ID: 'eu-west-3_AbCdEf123',
  USER_POOL_CLIENT_ID: '1a2b3c4d5e6f7g8h9i0j1k2l3m',
  APP_URL: 'https://d1234abcdef8.cloudfront.net',
};

/** What Lambda itself puts in every environment of a Node.js 22 function. */
const lambdaRuntimeEnvironment = (functionName: string, memory: number, taskRoot: string): Record<string, string> => ({
  AWS_REGION: pseudoParameters['AWS::Region']!,
  AWS_DEFAULT_REGION: pseudoParameters['AWS::Region']!,
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: functionName,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memory),
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
  AWS_ACCESS_KEY_ID: 'ASIABENCHMARKEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench/secret/access/key/example',
  AWS_SESSION_TOKEN: 'bench-session-token',
  AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  LAMBDA_TASK_ROOT: taskRoot,
  TZ: ':UTC',
});

function resolveValue(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const intrinsic = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]]; 'Fn::ImportValue'?: unknown; 'Fn::GetAtt'?: unknown };
    if (intrinsic['Fn::Join']) {
      const [separator, parts] = intrinsic['Fn::Join'];
      return parts.map((part) => resolveValue(name, part)).join(separator);
    }
    if (intrinsic.Ref && pseudoParameters[intrinsic.Ref]) return pseudoParameters[intrinsic.Ref]!;
  }
  // A variable not listed above is no resource name the config module checks: any opaque value does.
  return deployedValues[name] ?? `${name.toLowerCase().replaceAll('_', '-')}-resolved-by-cloudformation`;
}

export interface LambdaBundle {
  readonly logicalId: string;
  readonly file: string;
  readonly bytes: number;
  readonly environment: Record<string, string>;
}

/** Every function of a cloud assembly built from an ES module bundle (`index.mjs`): the service's functions. */
export async function bundlesOf(assemblyDir: string): Promise<LambdaBundle[]> {
  const bundles: LambdaBundle[] = [];
  for (const templateFile of (await readdir(assemblyDir)).filter((name) => name.endsWith('.template.json'))) {
    const template = JSON.parse(await readFile(path.join(assemblyDir, templateFile), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, unknown>; Properties: Record<string, unknown> }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (resource.Type !== 'AWS::Lambda::Function' || typeof assetPath !== 'string') continue;
      const file = path.join(assemblyDir, assetPath, 'index.mjs');
      const bytes = await stat(file).then(
        (info) => info.size,
        () => undefined,
      );
      if (bytes === undefined) continue;
      const variables = (resource.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      const environment = {
        ...lambdaRuntimeEnvironment(logicalId, Number(resource.Properties.MemorySize ?? 128), path.dirname(file)),
        ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolveValue(name, value)])),
      };
      bundles.push({ logicalId, file, bytes, environment });
    }
  }
  return bundles;
}

/** Imports the bundle given as argument and prints how long `await import` took, in milliseconds. */
const probe = `const started = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - started));
`;

/** Time of `await import(bundle)` in a fresh process with the function's environment (spawn not counted). */
async function initMs(node: string, probeFile: string, bundle: LambdaBundle): Promise<number> {
  const { stdout } = await run(node, [probeFile, pathToFileURL(bundle.file).href], {
    cwd: path.dirname(bundle.file),
    env: { PATH: process.env.PATH ?? '', ...bundle.environment },
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`${bundle.logicalId}: the probe printed ${stdout}`);
  return ms;
}

/** Size and module-init figures of the bundles of a cloud assembly, measured with the given Node binary. */
export async function measureBundles(assemblyDir: string, node = process.execPath): Promise<Figure[]> {
  const { stdout: version } = await run(node, ['--version']);
  if (!version.startsWith('v22.')) throw new Error(`Lambda runs Node.js 22; ${node} is ${version.trim()} (run through npm)`);
  const bundles = await bundlesOf(assemblyDir);
  if (bundles.length === 0) throw new Error(`No function bundle in ${assemblyDir}`);
  const probeFile = path.join(assemblyDir, 'init-probe.mjs');
  await writeFile(probeFile, probe);
  const inits = new Map<string, number>();
  for (const bundle of bundles) {
    const times: number[] = [];
    for (let i = 0; i < spawnsPerBundle; i += 1) times.push(await initMs(node, probeFile, bundle));
    inits.set(bundle.logicalId, median(times));
  }
  const kb = bundles.map((bundle) => bundle.bytes / 1024);
  const byLargest = (values: Map<string, number>) => Object.fromEntries([...values].sort((a, b) => b[1] - a[1]).slice(0, 5));
  const sizes = new Map(bundles.map((bundle) => [bundle.logicalId, Math.round(bundle.bytes / 1024)]));
  const initValues = [...inits.values()];
  return [
    { name: 'lambda-bundle-max-kb', value: Math.max(...kb), unit: 'KB', goal: { op: '<=', value: maxBundleKb }, details: byLargest(sizes) },
    {
      name: 'lambda-bundle-median-kb',
      value: median(kb),
      unit: 'KB',
      goal: { op: '<=', value: maxBundleKb },
      details: { bundles: bundles.length },
    },
    {
      name: 'lambda-init-p50-ms',
      value: median(initValues),
      unit: 'ms',
      goal: { op: '<=', value: maxInitMs },
      details: { spawnsPerBundle },
    },
    {
      name: 'lambda-init-max-ms',
      value: Math.max(...initValues),
      unit: 'ms',
      goal: { op: '<=', value: maxInitMs },
      details: byLargest(inits),
    },
  ];
}

/**
 * Synthesizes the app as `npm run synth` does, into a temporary folder (so the figures are those
 * of the current code, never of a stale `cdk.out`), then measures every function bundle: its
 * minified `index.mjs` (the source map is a separate file Lambda does not load unless asked) and
 * its module init in a fresh Node 22 process with the environment the template gives it.
 */
export async function lambdaBundlesBenchmark(): Promise<Figure[]> {
  const assemblyDir = await mkdtemp(path.join(tmpdir(), 'lambda-bundles-'));
  try {
    await run('npx', ['cdk', 'synth', '--quiet', '--output', assemblyDir], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
    return await measureBundles(assemblyDir);
  } finally {
    await rm(assemblyDir, { recursive: true, force: true });
  }
}
