import { loginSchema, tokensSchema } from '#identity/schemas.ts';
import type { RouteDefinition } from '../route.ts';

/** Accounts: registration, password, login, the employee's personal data. */
export const identityRoutes = {
  login: {
    method: 'POST',
    path: '/auth/login',
    handler: 'identity/login.ts',
    access: 'public',
    summary: 'Connexion par e-mail et mot de passe ; renvoie les jetons',
    tag: 'identity',
    request: { body: loginSchema },
    response: { status: 200, description: 'Jetons Cognito', body: tokensSchema },
    errors: [400, 401],
  },
} as const satisfies Record<string, RouteDefinition>;
