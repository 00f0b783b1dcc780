import { routes } from '#definitions/routes.ts';
import { cognito } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { httpHandler } from '#shared/http.ts';
import { logIn } from './log-in.ts';

export const handler = httpHandler(routes.login, ({ body }) =>
  logIn({ cognito, clientId: config.userPoolClientId }, body),
);
