import { setPassword as route } from '../identity-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { registrationDeps } from '../identity-deps.ts';
import { choosePassword } from '../registration.ts';

export const handler = httpHandler(route, ({ body }) => choosePassword(registrationDeps, body));
