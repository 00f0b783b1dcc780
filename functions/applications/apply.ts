import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { applicationDeps } from './application-deps.ts';
import { apply } from './application-use-cases.ts';

export const handler = httpHandler(routes.applyToOffer, ({ params, principal }) => apply(applicationDeps, params.offerId, principal));
