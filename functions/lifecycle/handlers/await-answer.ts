import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { awaitAnswer } from '../tasks/await-answer.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string(), employeeId: z.string(), token: z.string() }), (input) =>
  awaitAnswer(lifecycleDeps, input),
);
