/**
 * The schedule table: jobs run on a schedule. The stateless CDK stack deploys each as an
 * EventBridge Scheduler schedule; the local scheduler runs the same table with a cron library
 * (and `npm run job -- <id>` runs one now).
 */
export interface ScheduleDefinition {
  /** Six-field EventBridge cron body, as in `cron(<expression>)`: minutes hours day-of-month month day-of-week year. */
  readonly cron: string;
  /** Lambda entry relative to `functions/`; it exports `handler`, called with a scheduled event. */
  readonly handler: string;
  readonly description: string;
}

export const schedules = {
  outboxSweeper: {
    cron: '0/15 * * * ? *',
    handler: 'notifications/sweep-outbox.ts',
    description: 'Envoie les notifications restées en attente (envoi échoué ou interrompu)',
  },
  nudExpiry: {
    cron: '0 6 * * ? *',
    handler: 'jobs/nud-expiry.ts',
    description: 'Rappelle aux salariés de renouveler leur demande de logement social (30 et 7 jours avant) et marque les demandes expirées',
  },
} as const satisfies Record<string, ScheduleDefinition>;

export type ScheduleId = keyof typeof schedules;
