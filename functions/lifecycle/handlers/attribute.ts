import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { attribute } from '../tasks/attribute.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string() }), ({ offerId }) => attribute(lifecycleDeps, offerId));
