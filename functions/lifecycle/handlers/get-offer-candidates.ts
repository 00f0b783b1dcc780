import { getOfferCandidates as route } from '../lifecycle-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleRouteDeps } from '../lifecycle-route-deps.ts';
import { getCandidates } from '../lifecycle-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => getCandidates(lifecycleRouteDeps, params.offerId, principal));
