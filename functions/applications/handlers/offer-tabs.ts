import { browseOffers as route } from '../browse-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { browseDeps } from '../browse-deps.ts';
import { browseOffers } from '../browse-use-cases.ts';

export const handler = httpHandler(route, ({ query, principal }) => browseOffers(browseDeps, query, principal));
