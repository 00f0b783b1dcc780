import { loginSchema, messageSchema, registrationSchema, setPasswordSchema, tokensSchema } from './identity-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const login = {
  method: 'POST',
  path: '/auth/login',
  handler: 'identity/handlers/login.ts',
  needs: { cognito: ['AdminInitiateAuth'] },
  access: 'public',
  summary: 'Connexion par e-mail et mot de passe ; renvoie les jetons',
  tag: 'identity',
  request: { body: loginSchema },
  response: { status: 200, description: 'Jetons Cognito', body: tokensSchema },
  errors: [400, 401, 413, 429],
  // Per e-mail, 5 wrong passwords a quarter of an hour; a success gives its attempt back.
  throttle: { rate: 50, burst: 100 },
  limits: [
    { by: 'ip', max: 100, windowSeconds: 900, failuresOnly: true },
    { by: 'body.email', max: 5, windowSeconds: 900, failuresOnly: true },
  ],
} as const satisfies RouteDefinition;

export const register = {
  method: 'POST',
  path: '/registrations',
  handler: 'identity/handlers/register.ts',
  // No account before the e-mailed link is used: only whether the e-mail already has one.
  needs: { table: ['GetItem', 'PutItem', 'UpdateItem'], cognito: ['AdminGetUser'] },
  access: 'public',
  summary: 'Inscription d’un salarié (NUD, SIRET de l’employeur, consentement) ; e-mail avec lien de mot de passe',
  tag: 'identity',
  request: { body: registrationSchema },
  response: {
    status: 202,
    description: 'La même réponse que l’e-mail ou le NUD soient nouveaux ou connus ; le compte est créé quand le lien e-mailé sert',
    body: messageSchema,
  },
  errors: [400, 413, 422, 429],
  throttle: { rate: 20, burst: 40 },
  limits: [
    { by: 'ip', max: 300, windowSeconds: 3600 },
    { by: 'body.email', max: 10, windowSeconds: 3600 },
  ],
} as const satisfies RouteDefinition;

export const setPassword = {
  method: 'POST',
  path: '/auth/password',
  handler: 'identity/handlers/set-password.ts',
  needs: {
    table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
    // The account is created when the link is used; a NUD taken meanwhile deletes it again.
    cognito: [
      'AdminGetUser',
      'AdminCreateUser',
      'AdminListGroupsForUser',
      'AdminAddUserToGroup',
      'AdminSetUserPassword',
      'AdminDeleteUser',
    ],
  },
  access: 'public',
  summary: 'Choisir son mot de passe avec le lien reçu par e-mail',
  tag: 'identity',
  request: { body: setPasswordSchema },
  response: { status: 200, description: 'Mot de passe enregistré', body: messageSchema },
  errors: [400, 409, 410, 413, 429],
  throttle: { rate: 20, burst: 40 },
  limits: [
    { by: 'ip', max: 50, windowSeconds: 900, failuresOnly: true },
    { by: 'body.token', max: 10, windowSeconds: 900, failuresOnly: true },
  ],
} as const satisfies RouteDefinition;

/** Accounts: registration, password, login, the employee's personal data. */
export const identityRoutes = { login, register, setPassword } as const satisfies Record<string, RouteDefinition>;
