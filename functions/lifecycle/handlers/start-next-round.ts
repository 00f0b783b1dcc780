import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { startNextRound } from '../tasks/start-next-round.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(
  z.object({ offerId: z.string(), commissionSeconds: z.int().positive(), rounds: z.int().min(1) }),
  (input) => startNextRound(lifecycleDeps, input),
);
