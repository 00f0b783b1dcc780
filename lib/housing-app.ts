import path from 'node:path';
import { Tags, type App } from 'aws-cdk-lib';
import type { LogLevel } from './constructs/service-function.ts';
import type { WebDomain } from './constructs/web-hosting.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { WebStack, webBucketName } from './web-stack.ts';

/** Deployment settings, read from CDK context (`cdk synth -c emailFrom=...`). */
export interface AppSettings {
  /** Sender of every email; must be a verified SES identity (or belong to a verified domain). */
  readonly emailFrom: string;
  /**
   * The web app's own domain and its certificate (us-east-1); without it, the app and the links of
   * the e-mails are at the CloudFront distribution's address.
   */
  readonly domain?: WebDomain;
  /** Prefixes the stack names, so that several stages can live in one account. */
  readonly stage?: string;
  readonly logLevel: LogLevel;
  /** Browser origins allowed to call the API and to upload with presigned URLs. */
  readonly corsOrigins: readonly string[];
}

const logLevels: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

export function readSettings(app: App): AppSettings {
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const emailFrom = context('emailFrom') ?? 'no-reply@example.org';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(emailFrom)) throw new Error(`Context emailFrom is not an email address: ${emailFrom}`);
  const stage = context('stage');
  if (stage !== undefined && !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context stage must be lower-case letters, digits and dashes: ${stage}`);
  }
  const logLevel = (context('logLevel') ?? 'INFO').toUpperCase() as LogLevel;
  if (!logLevels.includes(logLevel)) throw new Error(`Context logLevel must be one of ${logLevels.join(', ')}`);
  const corsOrigins = (context('corsOrigins') ?? '*').split(',').map((origin) => origin.trim());
  const domainName = context('domainName');
  const certificateArn = context('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('Contexts domainName and certificateArn go together (the certificate of the domain, in us-east-1)');
  }
  if (domainName !== undefined && !/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domainName))
    throw new Error(`Context domainName is not a domain: ${domainName}`);
  if (certificateArn !== undefined && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(`Context certificateArn is not an ACM certificate of us-east-1: ${certificateArn}`);
  }
  const domain = domainName && certificateArn ? { name: domainName, certificateArn } : undefined;
  return { emailFrom, domain, stage, logLevel, corsOrigins };
}

export interface HousingStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly web: WebStack;
}

/**
 * The three stacks of the service (the stateless one with its nested stacks of functions,
 * docs/architecture.md). The account and region are left to the deployment environment, so the
 * app synthesizes offline.
 */
export function createStacks(app: App, settings: AppSettings): HousingStacks {
  const prefix = settings.stage ? `alin-housing-${settings.stage}` : 'alin-housing';
  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    description: 'Données : table DynamoDB, bucket des dépôts, annuaire Cognito',
    corsOrigins: settings.corsOrigins,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    description: 'Code : API HTTP et distribution ; fonctions des routes et des événements en piles imbriquées',
    stateful,
    emailFrom: settings.emailFrom,
    domain: settings.domain,
    webBucketName: webBucketName(settings.stage),
    logLevel: settings.logLevel,
    corsOrigins: settings.corsOrigins,
  });
  // The web app's files, after the distribution that serves them and invalidates its pages on each deployment.
  const web = new WebStack(app, `${prefix}-web`, {
    description: "Application web : fichiers de l'application, lus par la distribution CloudFront",
    bucketName: webBucketName(settings.stage),
    distribution: stateless.web.distribution,
    root: path.resolve(import.meta.dirname, '..', 'web', 'dist'),
  });
  Tags.of(app).add('project', 'alin-housing');
  if (settings.stage) Tags.of(app).add('stage', settings.stage);
  return { stateful, stateless, web };
}
