import { inviteLandlordUser as route } from '../landlord-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { landlordInvitationDeps } from '../landlord-deps.ts';
import { inviteLandlordUser } from '../landlord-use-cases.ts';

export const handler = httpHandler(route, ({ params, body, principal }) =>
  inviteLandlordUser(landlordInvitationDeps, params.landlordId, body, principal),
);
