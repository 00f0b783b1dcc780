import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { markUnfilled } from '../tasks/mark-unfilled.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string() }), ({ offerId }) => markUnfilled(lifecycleDeps, offerId));
