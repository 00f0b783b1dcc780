import { applyToOffer as route } from '../application-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { applicationDeps } from '../application-deps.ts';
import { apply } from '../application-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => apply(applicationDeps, params.offerId, principal));
