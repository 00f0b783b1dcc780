import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleDeps } from './lifecycle-deps.ts';
import { getHistory } from './lifecycle-use-cases.ts';

export const handler = httpHandler(routes.getOfferHistory, ({ params, principal }) => getHistory(lifecycleDeps, params.offerId, principal));
