import {
  loginSchema,
  messageSchema,
  passwordResetSchema,
  refreshedTokensSchema,
  refreshTokenBodySchema,
  registrationSchema,
  setPasswordSchema,
  tokensSchema,
} from './identity-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const login = {
  method: 'POST',
  path: '/auth/login',
  handler: 'identity/handlers/login.ts',
  needs: { cognito: ['AdminInitiateAuth'] },
  access: 'public',
  summary: 'Connexion par e-mail et mot de passe ; renvoie les jetons et pose le jeton de session en cookie HttpOnly (chemin /auth)',
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

export const passwordReset = {
  method: 'POST',
  path: '/auth/password-reset',
  handler: 'identity/handlers/password-reset.ts',
  // Whether the address has an account, then the link, the e-mail and the daily quota in one transaction.
  needs: { table: ['PutItem', 'UpdateItem'], cognito: ['AdminGetUser'] },
  access: 'public',
  summary: 'Mot de passe oublié : e-mail avec un lien à usage unique vers la page de choix du mot de passe',
  tag: 'identity',
  request: { body: passwordResetSchema },
  response: {
    status: 202,
    description: 'La même réponse que l’adresse ait un compte ou non ; au plus 3 e-mails de compte par adresse et par jour',
    body: messageSchema,
  },
  errors: [400, 413, 429],
  throttle: { rate: 10, burst: 20 },
  limits: [
    { by: 'ip', max: 30, windowSeconds: 3600 },
    { by: 'body.email', max: 5, windowSeconds: 3600 },
  ],
} as const satisfies RouteDefinition;

export const refreshSession = {
  method: 'POST',
  path: '/auth/refresh',
  handler: 'identity/handlers/refresh-session.ts',
  needs: { cognito: ['AdminInitiateAuth'] },
  access: 'public',
  summary: 'Nouveaux jetons d’identité et d’accès à partir du jeton de session (corps, ou cookie posé à la connexion)',
  tag: 'identity',
  request: { body: refreshTokenBodySchema },
  response: { status: 200, description: 'Jetons Cognito (le jeton de session reste le même)', body: refreshedTokensSchema },
  errors: [400, 401, 413, 429],
  throttle: { rate: 50, burst: 100 },
  limits: [{ by: 'ip', max: 100, windowSeconds: 900, failuresOnly: true }],
} as const satisfies RouteDefinition;

export const logout = {
  method: 'POST',
  path: '/auth/logout',
  handler: 'identity/handlers/logout.ts',
  // RevokeToken is a public Cognito call: IAM does not apply to it.
  needs: {},
  access: 'public',
  summary: 'Déconnexion : le jeton de session (corps, ou cookie) est révoqué et le cookie effacé',
  tag: 'identity',
  request: { body: refreshTokenBodySchema },
  response: { status: 200, description: 'Session fermée (aussi quand elle l’était déjà)', body: messageSchema },
  errors: [400, 413, 429],
  throttle: { rate: 20, burst: 40 },
  limits: [{ by: 'ip', max: 100, windowSeconds: 900 }],
} as const satisfies RouteDefinition;

/** Accounts: registration, password, login and sessions, the employee's personal data. */
export const identityRoutes = { login, register, setPassword, passwordReset, refreshSession, logout } as const satisfies Record<
  string,
  RouteDefinition
>;
