import { passwordReset as route } from '../identity-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { passwordResetDeps } from '../identity-deps.ts';
import { requestPasswordReset } from '../password-reset.ts';

export const handler = httpHandler(route, ({ body }) => requestPasswordReset(passwordResetDeps, body));
