import { getOfferHistory as route } from '../lifecycle-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { getHistory } from '../lifecycle-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => getHistory(lifecycleDeps, params.offerId, principal));
