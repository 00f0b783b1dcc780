import { decideCommission as route } from '../lifecycle-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { decideCommission } from '../lifecycle-use-cases.ts';

export const handler = httpHandler(route, ({ params, body, principal }) =>
  decideCommission(lifecycleDeps, params.offerId, body, principal),
);
