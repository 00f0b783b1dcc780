import { jobsViewSchema } from './job-run-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const listJobRuns = {
  method: 'GET',
  path: '/operator/jobs',
  handler: 'jobs/handlers/list-job-runs.ts',
  needs: { table: ['GetItem'] },
  access: ['operator'],
  summary: 'Lire la dernière exécution de chaque tâche planifiée (opérateur)',
  tag: 'jobs',
  request: {},
  response: { status: 200, description: 'Tâches planifiées et leur dernière exécution', body: jobsViewSchema },
  errors: [401, 403],
} as const satisfies RouteDefinition;

/** Scheduled jobs, as the operator sees them: each job's last run and its counts. */
export const jobRoutes = { listJobRuns } as const satisfies Record<string, RouteDefinition>;
