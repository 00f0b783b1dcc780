import { jobsViewSchema } from '#jobs/job-run-schemas.ts';
import type { RouteDefinition } from '../route.ts';

/** Scheduled jobs, as the operator sees them: each job's last run and its counts. */
export const jobRoutes = {
  listJobRuns: {
    method: 'GET',
    path: '/operator/jobs',
    handler: 'jobs/list-job-runs.ts',
    access: ['operator'],
    summary: 'Lire la dernière exécution de chaque tâche planifiée (opérateur)',
    tag: 'jobs',
    request: {},
    response: { status: 200, description: 'Tâches planifiées et leur dernière exécution', body: jobsViewSchema },
    errors: [401, 403],
  },
} as const satisfies Record<string, RouteDefinition>;
