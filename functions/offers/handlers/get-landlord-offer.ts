import { getLandlordOffer as route } from '../offer-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from '../offer-deps.ts';
import { getOffer } from '../offer-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => getOffer(offerDeps, params.offerId, principal));
