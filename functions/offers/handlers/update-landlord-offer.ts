import { updateLandlordOffer as route } from '../offer-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from '../offer-deps.ts';
import { updateOffer } from '../offer-use-cases.ts';

export const handler = httpHandler(route, ({ params, body, principal }) => updateOffer(offerDeps, params.offerId, body, principal));
