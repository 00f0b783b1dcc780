import * as z from 'zod';

/** What the operator reads about each scheduled job. */
const jobViewSchema = z.object({
  id: z.string().meta({ description: 'Identifiant de la tâche dans la table des planifications', example: 'nudExpiry' }),
  description: z.string(),
  cron: z.string().meta({ description: 'Expression cron EventBridge (fuseau Europe/Paris)' }),
  lastRun: z
    .object({
      startedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime().optional(),
      status: z.enum(['RUNNING', 'DONE', 'INCOMPLETE', 'FAILED']),
      counts: z.record(z.string(), z.number()),
    })
    .nullable()
    .meta({ description: 'Dernière exécution terminée, ou null si la tâche n’a jamais tourné' }),
});

export const jobsViewSchema = z.object({ jobs: z.array(jobViewSchema) });
export type JobsView = z.input<typeof jobsViewSchema>;
