import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { registrationDeps } from './deps.ts';
import { registerEmployee } from './registration.ts';

export const handler = httpHandler(routes.register, ({ body }) => registerEmployee(registrationDeps, body));
