import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from './offer-deps.ts';
import { publishOffer } from './offer-use-cases.ts';

export const handler = httpHandler(routes.publishLandlordOffer, ({ params, principal }) => publishOffer(offerDeps, params.offerId, principal));
