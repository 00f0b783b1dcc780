import { createLandlordOffer as route } from '../offer-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from '../offer-deps.ts';
import { createOffer } from '../offer-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => createOffer(offerDeps, body, principal));
