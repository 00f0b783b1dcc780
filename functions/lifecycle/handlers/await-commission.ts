import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { awaitCommission } from '../tasks/await-commission.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string(), token: z.string() }), (input) => awaitCommission(lifecycleDeps, input));
