import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleRouteDeps } from './lifecycle-route-deps.ts';
import { getCandidates } from './lifecycle-use-cases.ts';

export const handler = httpHandler(routes.getOfferCandidates, ({ params, principal }) => getCandidates(lifecycleRouteDeps, params.offerId, principal));
