import * as z from 'zod';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { offerNextCandidate } from '../tasks/offer-next-candidate.ts';
import { taskHandler } from '../task-handler.ts';

export const handler = taskHandler(z.object({ offerId: z.string(), acceptanceSeconds: z.int().positive() }), (input) =>
  offerNextCandidate(lifecycleDeps, input),
);
