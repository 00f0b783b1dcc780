import { inviteHrUser as route } from '../hr-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { hrInvitationDeps } from '../hr-deps.ts';
import { inviteHrUser } from '../hr-use-cases.ts';

export const handler = httpHandler(route, ({ params, body, principal }) => inviteHrUser(hrInvitationDeps, params.siret, body, principal));
