import { z } from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { recordFailure } from '../lifecycle-tasks.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string(), error: z.string().optional(), cause: z.string().optional() }), (input) =>
  recordFailure(lifecycleDeps, input),
);
