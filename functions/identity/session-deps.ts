import { cognito } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { LogInDeps } from './authentication.ts';

/** Login, refresh and logout: Cognito's server-side calls with the app client, nothing else. */
export const sessionDeps: LogInDeps = { cognito, userPoolId: config.userPoolId, clientId: config.userPoolClientId };
