import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The routes without an authorizer, each with the reason it has none (cdk-nag APIG4). A public
 * route missing here stops the synthesis: opening a route to anonymous callers is decided here.
 */
export const publicRouteReasons: Readonly<Record<string, string>> = {
  health: 'liveness probe of the monitoring, answers no data',
  openApi: 'the API description, the same for every caller, holds no data',
  login: 'exchanges an e-mail and a password for tokens: the caller has no token yet (rate-limited per e-mail and address)',
  register: 'an employee creates an account: no token exists before it (rate-limited per e-mail, SIRET and address)',
  setPassword: 'authorized by the single-use link token in the body, sent by e-mail (rate-limited per address)',
  passwordReset: 'a lost password: the caller cannot log in; same answer for any address (rate-limited per e-mail and address)',
  refreshSession: 'authorized by the refresh token (body or HttpOnly cookie), not by an ID token that may have expired',
  logout: 'revokes the refresh token it is given (body or HttpOnly cookie), even after the ID token expired',
  getCompanyEligibility: 'tells a prospective registrant whether a SIRET contributes, before any account exists (rate-limited)',
};

/** Acknowledges APIG4 on the API routes of a public route, with its reason; throws for an undecided one. */
export function acknowledgePublicRoute(routeId: string, apiRoutes: readonly IConstruct[]): void {
  const reason = publicRouteReasons[routeId];
  if (!reason) throw new Error(`Route ${routeId} is public but lib/public-routes.ts gives no reason for it`);
  for (const apiRoute of apiRoutes) Validations.of(apiRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: `${routeId}: ${reason}` });
}
