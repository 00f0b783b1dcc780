import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { registrationDeps } from './deps.ts';
import { choosePassword } from './registration.ts';

export const handler = httpHandler(routes.setPassword, ({ body }) => choosePassword(registrationDeps, body));
