import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { browseDeps } from './browse-deps.ts';
import { browseOffer } from './browse-use-cases.ts';

export const handler = httpHandler(routes.browseOffer, ({ params, principal }) => browseOffer(browseDeps, params.offerId, principal));
