import type { RouteDefinition, Throttle } from '#shared/route.ts';
import { alertRoutes } from '#alerts/alert-routes.ts';
import { applicationRoutes } from '#applications/application-routes.ts';
import { companyHrRoutes } from '#company-hr/hr-routes.ts';
import { companyRoutes } from '#companies/company-routes.ts';
import { documentRoutes } from '#housing-file/document-routes.ts';
import { identityRoutes } from '#identity/identity-routes.ts';
import { importRoutes } from '#imports/import-routes.ts';
import { jobRoutes } from '#jobs/job-routes.ts';
import { landlordRoutes } from '#landlords/landlord-routes.ts';
import { lifecycleRoutes } from '#lifecycle/lifecycle-routes.ts';
import { browseRoutes } from '#applications/browse-routes.ts';
import { landlordOfferRoutes } from '#offers/offer-routes.ts';
import { platformRoutes } from '#platform/platform-routes.ts';
import { privacyRoutes } from '#privacy/privacy-routes.ts';
import { resultsRoutes } from '#results/results-routes.ts';
import { scoringRoutes } from '#scoring/scoring-routes.ts';
import { situationRoutes } from '#housing-file/situation-routes.ts';
import { communeRoutes } from '#housing-file/commune-routes.ts';

/**
 * The route table: every HTTP route of the API, gathered from the route declarations each area
 * keeps beside its handlers (`functions/<area>/*-routes.ts`). Keys are OpenAPI operation ids.
 * Read by the stateless CDK stack (one function and one API route each), by the local gateway
 * and by the OpenAPI generator; a handler imports only its own route's declaration.
 */
export const routes = {
  ...platformRoutes,
  ...identityRoutes,
  ...privacyRoutes,
  ...companyRoutes,
  ...companyHrRoutes,
  ...situationRoutes,
  ...communeRoutes,
  ...documentRoutes,
  ...landlordRoutes,
  ...landlordOfferRoutes,
  ...browseRoutes,
  ...applicationRoutes,
  ...lifecycleRoutes,
  ...jobRoutes,
  ...importRoutes,
  ...alertRoutes,
  ...scoringRoutes,
  ...resultsRoutes,
} as const satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;

/** Lambda timeout of a route's function: it answers well within the HTTP API's 30-second integration limit. */
export const routeFunctionTimeoutSeconds = 10;
export const routeList = Object.entries(routes).map(([id, route]) => ({ id, ...route })) as ({
  id: RouteId;
} & RouteDefinition)[];

/**
 * API Gateway stage throttling, for every route without its own `throttle` (requests per second
 * and burst, all callers together); the local gateway applies the same token buckets.
 */
export const stageThrottle: Throttle = { rate: 200, burst: 400 };
