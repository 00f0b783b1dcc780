import {
  loginSchema,
  messageSchema,
  registrationResultSchema,
  registrationSchema,
  setPasswordSchema,
  tokensSchema,
} from '#identity/schemas.ts';
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
  register: {
    method: 'POST',
    path: '/registrations',
    handler: 'identity/register.ts',
    access: 'public',
    summary: 'Inscription d’un salarié (NUD, SIRET de l’employeur, consentement) ; e-mail avec lien de mot de passe',
    tag: 'identity',
    request: { body: registrationSchema },
    response: { status: 201, description: 'Compte créé (ou le même compte, si l’inscription est renvoyée)', body: registrationResultSchema },
    errors: [400, 409, 422],
  },
  setPassword: {
    method: 'POST',
    path: '/auth/password',
    handler: 'identity/set-password.ts',
    access: 'public',
    summary: 'Choisir son mot de passe avec le lien reçu par e-mail',
    tag: 'identity',
    request: { body: setPasswordSchema },
    response: { status: 200, description: 'Mot de passe enregistré', body: messageSchema },
    errors: [400, 409, 410],
  },
} as const satisfies Record<string, RouteDefinition>;
