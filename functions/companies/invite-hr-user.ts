import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { hrInvitationDeps } from './hr-deps.ts';
import { inviteHrUser } from './hr-use-cases.ts';

export const handler = httpHandler(routes.inviteHrUser, ({ params, body, principal }) =>
  inviteHrUser(hrInvitationDeps, params.siret, body, principal),
);
