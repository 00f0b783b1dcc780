import {
  loginSchema,
  messageSchema,
  registrationResultSchema,
  registrationSchema,
  setPasswordSchema,
  tokensSchema,
} from './identity-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const login = {
  method: 'POST',
  path: '/auth/login',
  handler: 'identity/handlers/login.ts',
  access: 'public',
  summary: 'Connexion par e-mail et mot de passe ; renvoie les jetons',
  tag: 'identity',
  request: { body: loginSchema },
  response: { status: 200, description: 'Jetons Cognito', body: tokensSchema },
  errors: [400, 401],
} as const satisfies RouteDefinition;

export const register = {
  method: 'POST',
  path: '/registrations',
  handler: 'identity/handlers/register.ts',
  access: 'public',
  summary: 'Inscription d’un salarié (NUD, SIRET de l’employeur, consentement) ; e-mail avec lien de mot de passe',
  tag: 'identity',
  request: { body: registrationSchema },
  response: { status: 201, description: 'Compte créé (ou le même compte, si l’inscription est renvoyée)', body: registrationResultSchema },
  errors: [400, 409, 422],
} as const satisfies RouteDefinition;

export const setPassword = {
  method: 'POST',
  path: '/auth/password',
  handler: 'identity/handlers/set-password.ts',
  access: 'public',
  summary: 'Choisir son mot de passe avec le lien reçu par e-mail',
  tag: 'identity',
  request: { body: setPasswordSchema },
  response: { status: 200, description: 'Mot de passe enregistré', body: messageSchema },
  errors: [400, 409, 410],
} as const satisfies RouteDefinition;

/** Accounts: registration, password, login, the employee's personal data. */
export const identityRoutes = { login, register, setPassword } as const satisfies Record<string, RouteDefinition>;
