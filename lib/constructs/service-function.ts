import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
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

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const area = areaOf(props.entry);
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
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        // Stateless stack: logs older than a month are gone anyway, so nothing is orphaned.
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: area,
        POWERTOOLS_METRICS_NAMESPACE: 'AlinHousing',
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
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
      },
    });
    this.entryPath = props.entry;
    this.area = area;
  }
}
