import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { answerOverdue } from '../tasks/answer-overdue.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string(), employeeId: z.string() }), (input) =>
  answerOverdue(lifecycleDeps, input),
);
