import { declineOffer as route } from '../lifecycle-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { lifecycleDeps } from '../lifecycle-deps.ts';
import { answerOffer } from '../lifecycle-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) =>
  answerOffer(lifecycleDeps, params.applicationId, 'DECLINED', principal),
);
