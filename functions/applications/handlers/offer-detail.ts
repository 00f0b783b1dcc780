import { browseOffer as route } from '../browse-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { browseDeps } from '../browse-deps.ts';
import { browseOffer } from '../browse-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => browseOffer(browseDeps, params.offerId, principal));
