import { decideCommission as route } from '../lifecycle-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleRouteDeps } from '../lifecycle-route-deps.ts';
import { decideCommission } from '../lifecycle-use-cases.ts';

export const handler = httpHandler(route, ({ params, body, principal }) =>
  decideCommission(lifecycleRouteDeps, params.offerId, body, principal),
);
