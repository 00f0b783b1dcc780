import { Tags, type App } from 'aws-cdk-lib';
import type { LogLevel } from './constructs/service-function.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Deployment settings, read from CDK context (`cdk synth -c emailFrom=...`). */
export interface AppSettings {
  /** Sender of every email; must be a verified SES identity (or belong to a verified domain). */
  readonly emailFrom: string;
  /** Base URL of the web application; links in e-mails point there. */
  readonly appUrl: string;
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
  const appUrl = context('appUrl') ?? 'https://logement.example.org';
  if (!URL.canParse(appUrl)) throw new Error(`Context appUrl is not a URL: ${appUrl}`);
  return { emailFrom, appUrl, stage, logLevel, corsOrigins };
}

export interface HousingStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * The two stacks of the service. The account and region are left to the deployment
 * environment, so the app synthesizes offline.
 */
export function createStacks(app: App, settings: AppSettings): HousingStacks {
  const prefix = settings.stage ? `alin-housing-${settings.stage}` : 'alin-housing';
  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    description: 'Données : table DynamoDB, bucket des dépôts, annuaire Cognito',
    corsOrigins: settings.corsOrigins,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    description: 'Code : fonctions, API HTTP, planifications, abonnements',
    stateful,
    emailFrom: settings.emailFrom,
    appUrl: settings.appUrl,
    logLevel: settings.logLevel,
    corsOrigins: settings.corsOrigins,
  });
  Tags.of(app).add('project', 'alin-housing');
  if (settings.stage) Tags.of(app).add('stage', settings.stage);
  return { stateful, stateless };
}
