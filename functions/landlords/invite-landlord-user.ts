import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { landlordInvitationDeps } from './landlord-deps.ts';
import { inviteLandlordUser } from './landlord-use-cases.ts';

export const handler = httpHandler(routes.inviteLandlordUser, ({ params, body, principal }) =>
  inviteLandlordUser(landlordInvitationDeps, params.landlordId, body, principal),
);
