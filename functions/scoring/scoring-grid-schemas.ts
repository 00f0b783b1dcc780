import * as z from 'zod';
import { scoringGridSchema } from './grid.ts';

/** What the operator and the applicants read about the scoring grids (the body of a grid is the grid itself). */
const gridStatusSchema = z.enum(['superseded', 'in-force', 'scheduled']).meta({
  description: 'superseded : remplacée ; in-force : en vigueur aujourd’hui ; scheduled : prendra effet à sa date',
});

export const scoringGridsViewSchema = z.object({
  today: z.iso.date().meta({ description: 'Jour (heure de Paris) auquel le statut des grilles est donné' }),
  inForce: z.string().nullable().meta({ description: 'Version en vigueur aujourd’hui', example: 'v1' }),
  grids: z
    .array(scoringGridSchema.extend({ status: gridStatusSchema }))
    .meta({ description: 'Toutes les grilles, par date d’effet puis par ordre de publication' }),
});
export type ScoringGridsView = z.input<typeof scoringGridsViewSchema>;
