import { publishLandlordOffer as route } from '../offer-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from '../offer-deps.ts';
import { publishOffer } from '../offer-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => publishOffer(offerDeps, params.offerId, principal));
