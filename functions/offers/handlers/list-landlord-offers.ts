import { listLandlordOffers as route } from '../offer-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { offerDeps } from '../offer-deps.ts';
import { listOffers } from '../offer-use-cases.ts';

export const handler = httpHandler(route, ({ query, principal }) => listOffers(offerDeps, query, principal));
