import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { closeAndScore } from '../tasks/close-and-score.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(
  z.object({ offerId: z.string(), commissionSeconds: z.int().positive(), rounds: z.int().min(1).optional() }),
  (input) => closeAndScore(lifecycleDeps, input),
);
