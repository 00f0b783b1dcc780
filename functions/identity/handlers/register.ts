import { register as route } from '../identity-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { registrationDeps } from '../identity-deps.ts';
import { registerEmployee } from '../registration.ts';

export const handler = httpHandler(route, ({ body }) => registerEmployee(registrationDeps, body));
