import { republishOffer as route } from '../lifecycle-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { republishDeps } from '../republish-deps.ts';
import { republishOffer } from '../republish.ts';

export const handler = httpHandler(route, ({ params, body, principal }) => republishOffer(republishDeps, params.offerId, body, principal));
