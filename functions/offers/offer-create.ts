import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from './offer-deps.ts';
import { createOffer } from './offer-use-cases.ts';

export const handler = httpHandler(routes.createLandlordOffer, ({ body, principal }) => createOffer(offerDeps, body, principal));
