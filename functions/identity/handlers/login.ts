import { login as route } from '../identity-routes.ts';
import { cognito } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { httpHandler } from '#shared/http.ts';
import { logIn } from '../authentication.ts';

export const handler = httpHandler(route, ({ body }) =>
  logIn({ cognito, userPoolId: config.userPoolId, clientId: config.userPoolClientId }, body),
);
