import type { FunctionNeeds } from '#shared/route.ts';
import * as z from 'zod';

/**
 * The schedule table: jobs run on a schedule. The stateless CDK stack deploys each as an
 * EventBridge Scheduler schedule; the local scheduler runs the same table with a cron library
 * (and `npm run job -- <id>` runs one now).
 */
export interface ScheduleDefinition {
  /** Six-field EventBridge cron body, as in `cron(<expression>)`: minutes hours day-of-month month day-of-week year. */
  readonly cron: string;
  /** Environment variable that, when set where the table is deployed, replaces `cron` (see `effectiveSchedules`). */
  readonly cronVariable?: string;
  /** Lambda entry relative to `functions/`; it exports `handler`, called with a scheduled event. */
  readonly handler: string;
  readonly description: string;
  /** What the job calls; its IAM policy is derived from this. */
  readonly needs: FunctionNeeds;
  /** Lambda timeout of this job, when it needs longer than `scheduleFunctionTimeoutSeconds`. */
  readonly timeoutSeconds?: number;
}

/** Lambda timeout of a scheduled job: jobs page through the table, well past an API call's 10 s. */
export const scheduleFunctionTimeoutSeconds = 120;

/** The Lambda timeout of a job, which CDK deploys and the local scheduler enforces. */
export const scheduleTimeoutSeconds = (definition: ScheduleDefinition): number =>
  definition.timeoutSeconds ?? scheduleFunctionTimeoutSeconds;

export const schedules = {
  outboxSweeper: {
    cron: '0/15 * * * ? *',
    handler: 'notifications/handlers/sweep-outbox.ts',
    needs: { table: ['Query', 'UpdateItem'], indexes: ['GSI3'], email: true },
    description: 'Envoie les notifications restées en attente (envoi échoué ou interrompu)',
  },
  nudExpiry: {
    cron: '0 6 * * ? *',
    handler: 'jobs/handlers/nud-expiry.ts',
    needs: { table: ['GetItem', 'Query', 'PutItem'], indexes: ['GSI3'] },
    description:
      'Rappelle aux salariés de renouveler leur demande de logement social (30 et 7 jours avant) et marque les demandes expirées',
  },
  newOfferAlerts: {
    // Daily at 07:00, Paris time, by default.
    cron: '0 7 * * ? *',
    cronVariable: 'NEW_OFFER_ALERTS_CRON',
    handler: 'alerts/handlers/new-offer-alerts.ts',
    // Lambda's longest: at the national load (≈ 180,000 subscribers) the digest needs minutes,
    // bounded by its index partition's writes (docs/scale.md). It stops short of it, resumable.
    timeoutSeconds: 900,
    needs: {
      table: ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      indexes: ['GSI1', 'GSI2', 'GSI3'],
    },
    description: 'Envoie aux salariés abonnés le récapitulatif des offres nouvellement publiées qui leur correspondent',
  },
  documentExpiry: {
    // Daily at 06:30, Paris time, after the NUD-expiry job.
    cron: '30 6 * * ? *',
    handler: 'jobs/handlers/document-expiry.ts',
    needs: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI3'] },
    description:
      'Rappelle aux salariés, 14 jours avant, qu’un document obligatoire de leur dossier (bulletins, avis d’imposition…) ne sera plus valable',
  },
  hrDigest: {
    // Daily at 09:00, Paris time: HR reads it at the start of the working day.
    cron: '0 9 * * ? *',
    handler: 'jobs/handlers/hr-digest.ts',
    needs: { table: ['Query', 'PutItem', 'UpdateItem'], indexes: ['GSI1', 'GSI2'] },
    description: 'Signale chaque jour aux RH de chaque entreprise les salariés inscrits qui attendent la confirmation de leur emploi',
  },
  lifecycleReconciler: {
    // Every 30 minutes, off the quarter hours of the outbox sweeper.
    cron: '10/30 * * * ? *',
    handler: 'jobs/handlers/lifecycle-reconciler.ts',
    needs: {
      table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
      indexes: ['GSI3'],
      lifecycle: ['StartExecution', 'DescribeExecution', 'StopExecution'],
    },
    description:
      'Répare les offres dont le déroulé est interrompu (exécution arrêtée, en échec, ou clôture non notée) en le reprenant à la bonne étape',
  },
} as const satisfies Record<string, ScheduleDefinition>;

export type ScheduleId = keyof typeof schedules;
export type ScheduleTable = Readonly<Record<ScheduleId, ScheduleDefinition>>;

const scheduleIds = Object.keys(schedules) as [ScheduleId, ...ScheduleId[]];

/**
 * The schedule table as deployed: each job's cron with its override applied. Computed once, where
 * the table is deployed: by the CDK app at synth (the EventBridge schedules) and by the local
 * cloud at start (the local scheduler). The function that lists the jobs gets the result through
 * `scheduleCronsVariable`, since the overrides are not in its environment.
 *
 * An override must be a six-field EventBridge cron body; anything else stops the synthesis or
 * the start-up.
 */
export function effectiveSchedules(env: Readonly<Record<string, string | undefined>> = process.env): ScheduleTable {
  return withCrons((id) => {
    const { cron, cronVariable } = schedules[id] as ScheduleDefinition;
    return cronVariable ? configuredCron(cronVariable, cron, env) : cron;
  });
}

function configuredCron(name: string, defaultCron: string, env: Readonly<Record<string, string | undefined>>): string {
  const value = env[name]?.trim();
  if (!value) return defaultCron;
  const fields = value.split(/\s+/);
  if (fields.length !== 6 || (fields[2] !== '?' && fields[4] !== '?')) {
    throw new Error(`${name} must be a six-field EventBridge cron body with "?" in day-of-month or day-of-week, got "${value}"`);
  }
  return fields.join(' ');
}

/** The environment variable that carries the effective crons to the function that lists the jobs. */
export const scheduleCronsVariable = 'SCHEDULE_CRONS';

const cronsSchema = z.record(z.enum(scheduleIds), z.string().min(1));

/** The value of `scheduleCronsVariable`: each job's cron, by job id. */
export function encodeScheduleCrons(table: ScheduleTable): string {
  return JSON.stringify(Object.fromEntries(scheduleIds.map((id) => [id, table[id].cron])));
}

/** The schedule table with the crons `encodeScheduleCrons` carried; throws when the value is missing or names other jobs. */
export function schedulesWithCrons(encoded: string | undefined): ScheduleTable {
  if (!encoded) {
    throw new Error(`${scheduleCronsVariable} is not set: the stack and the local cloud give it to the function that lists the jobs`);
  }
  const crons = cronsSchema.parse(JSON.parse(encoded));
  return withCrons((id) => crons[id]);
}

function withCrons(cronOf: (id: ScheduleId) => string): ScheduleTable {
  const entries = scheduleIds.map((id): [ScheduleId, ScheduleDefinition] => [id, { ...schedules[id], cron: cronOf(id) }]);
  return Object.fromEntries(entries) as Record<ScheduleId, ScheduleDefinition>;
}
