import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { commissionOverdue } from '../tasks/commission-overdue.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(
  z.object({ offerId: z.string(), step: z.enum(['remind', 'keep-robot-order']), graceSeconds: z.int().positive().optional() }),
  (input) => commissionOverdue(lifecycleDeps, input),
);
