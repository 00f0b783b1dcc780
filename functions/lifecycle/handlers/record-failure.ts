import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { recordFailure } from '../tasks/record-failure.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string(), error: z.string().optional(), cause: z.string().optional() }), (input) =>
  recordFailure(lifecycleDeps, input),
);
