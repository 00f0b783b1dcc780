import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
// Type-only: the config module parses process.env when it is loaded, which must not happen at synth.
import type { FunctionEnvironment } from '#shared/environment.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
/** Handler entries in the definitions are relative to this folder. */
export const functionsRoot = path.join(projectRoot, 'functions');

/** Every variable the functions' config module requires; the type fails to compile if one is missing. */
export type ServiceEnvironment = Required<FunctionEnvironment>;

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface ServiceFunctionProps {
  /** Handler entry relative to `functions/`, exactly as written in the definitions. */
  readonly entry: string;
  readonly description: string;
  readonly environment: ServiceEnvironment;
  readonly logLevel: LogLevel;
  /** @default 10 seconds, below the HTTP API's 30-second integration limit */
  readonly timeout?: Duration;
  /** @default 1024 MB: on Lambda, CPU grows with memory, and cold starts shrink with CPU */
  readonly memorySize?: number;
}

/** Reference data read at run time through package.json's `#data/*` imports, never bundled. */
const dataImports = '#data/*';

/**
 * After bundling: copies beside `index.mjs` each `#data/...` file the bundle names (and only
 * those: the 2 MB adjacency table belongs to the functions that read it), with a package.json
 * whose `imports` resolve `#data/*` there as the project's own package.json does in the sources.
 */
const copyDataFiles = (inputDir: string, outputDir: string): string[] => [
  [
    `cd '${outputDir}'`,
    `grep -o '#data/[A-Za-z0-9._/-]*' index.mjs | sort -u | while read -r name; do ` +
      `file="data/\${name#\\#data/}"; mkdir -p "$(dirname "$file")" && cp '${inputDir}'/"$file" "$file" || exit 1; done`,
    `if [ -d data ]; then echo '${JSON.stringify({ imports: { [dataImports]: './data/*' } })}' > package.json; fi`,
  ].join(' && '),
];

/**
 * How every function is bundled: an ES module for Node 22, minified, with its source map in a
 * separate file (`index.mjs.map`, read only when an error's stack is printed). The bundle-size test
 * (test/infra/bundle-size.test.ts) bundles every entry with these same options.
 */
export const serviceBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  // ES modules first: esbuild tree-shakes them, not CommonJS.
  mainFields: ['module', 'main'],
  // Some dependencies are CommonJS and call `require`, which an ES module lacks.
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  // The SDK is bundled rather than taken from the runtime, so Lambda runs the exact
  // versions pinned in package-lock.json that the local cloud and the tests use.
  bundleAwsSDK: true,
  externalModules: [dataImports],
  // Lambda gives every function its credentials in the environment: the SDK's default chain
  // (about 100 KB with its STS and SSO clients) is replaced by the environment's link alone.
  esbuildArgs: { '--alias': '@aws-sdk/credential-provider-node=./functions/shared/lambda-credentials.ts' },
  commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: copyDataFiles },
};

/** The business area of a handler entry: its top folder (`companies/get-company.ts` → `companies`). */
export function areaOf(entry: string): string {
  const [area] = entry.split('/');
  if (!area || area === entry) throw new Error(`Handler entry "${entry}" is not inside an area folder`);
  return area;
}

/**
 * A Lambda function with the project's defaults: Node.js 22 on arm64, X-Ray tracing, logs kept
 * a month, ESM bundle built by the local esbuild, and the full environment the config module
 * checks at cold start. Every function of the service is one of these.
 */
export class ServiceFunction extends NodejsFunction {
  readonly entryPath: string;
  readonly area: string;
  /** Its own execution role: the log statement, X-Ray, and the grants of its declared needs. */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const area = areaOf(props.entry);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      // Stateless stack: logs older than a month are gone anyway, so nothing is orphaned.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role, with no AWS managed policy: the basic execution policy would let it write to
    // any log group. It writes to its own; the rest comes from its declared needs (lib/access.ts).
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions. ' +
        'No other statement of a function role uses "*" except the health check\'s ses:GetAccount (no resource-level permissions either).',
    });
    super(scope, id, {
      entry: path.join(functionsRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      role,
      logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: area,
        POWERTOOLS_METRICS_NAMESPACE: 'AlinHousing',
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: serviceBundling,
    });
    this.entryPath = props.entry;
    this.area = area;
    this.executionRole = role;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: the local cloud and every test run the functions on the pinned Node 22 (devDependency "node"), ' +
        'and the bundle targets node22. Lambda supports it until April 2027; the runtime moves together with the local one.',
    });
  }
}
