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

/**
 * A job's cron as configured: the environment variable `name`, when set, replaces the default of
 * the table. It is read where the table is read, when the CDK app synthesizes (the deployed
 * schedule) and when the local cloud starts (the local scheduler), and must be a six-field
 * EventBridge cron body; anything else stops the synthesis or the start-up.
 */
function configuredCron(name: string, defaultCron: string): string {
  const value = process.env[name]?.trim();
  if (!value) return defaultCron;
  const fields = value.split(/\s+/);
  if (fields.length !== 6 || (fields[2] !== '?' && fields[4] !== '?')) {
    throw new Error(`${name} must be a six-field EventBridge cron body with "?" in day-of-month or day-of-week, got "${value}"`);
  }
  return fields.join(' ');
}

export const schedules = {
  outboxSweeper: {
    cron: '0/15 * * * ? *',
    handler: 'notifications/handlers/sweep-outbox.ts',
    description: 'Envoie les notifications restées en attente (envoi échoué ou interrompu)',
  },
  nudExpiry: {
    cron: '0 6 * * ? *',
    handler: 'jobs/handlers/nud-expiry.ts',
    description: 'Rappelle aux salariés de renouveler leur demande de logement social (30 et 7 jours avant) et marque les demandes expirées',
  },
  newOfferAlerts: {
    // Daily at 07:00, Paris time, by default; NEW_OFFER_ALERTS_CRON overrides it.
    cron: configuredCron('NEW_OFFER_ALERTS_CRON', '0 7 * * ? *'),
    handler: 'alerts/handlers/new-offer-alerts.ts',
    description: 'Envoie aux salariés abonnés le récapitulatif des offres nouvellement publiées qui leur correspondent',
  },
  lifecycleReconciler: {
    // Every 30 minutes, off the quarter hours of the outbox sweeper.
    cron: '10/30 * * * ? *',
    handler: 'jobs/handlers/lifecycle-reconciler.ts',
    description: 'Répare les offres dont le déroulé est interrompu (exécution arrêtée, en échec, ou clôture non notée) en le reprenant à la bonne étape',
  },
} as const satisfies Record<string, ScheduleDefinition>;

export type ScheduleId = keyof typeof schedules;
