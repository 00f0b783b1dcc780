import type { RouteDefinition } from './route.ts';
import { alertRoutes } from './routes/alerts.ts';
import { applicationRoutes } from './routes/applications.ts';
import { companyHrRoutes } from './routes/company-hr.ts';
import { companyRoutes } from './routes/companies.ts';
import { documentRoutes } from './routes/documents.ts';
import { identityRoutes } from './routes/identity.ts';
import { importRoutes } from './routes/imports.ts';
import { jobRoutes } from './routes/jobs.ts';
import { landlordRoutes } from './routes/landlords.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { offerRoutes } from './routes/offers.ts';
import { platformRoutes } from './routes/platform.ts';
import { scoringRoutes } from './routes/scoring.ts';
import { situationRoutes } from './routes/situation.ts';

/**
 * The route table: every HTTP route of the API, gathered from one file per area under
 * `routes/`. Keys are OpenAPI operation ids. Read by the stateless CDK stack (one function and
 * one API route each), by the local gateway, by the handlers (their schemas and allowed roles)
 * and by the OpenAPI generator.
 */
export const routes = {
  ...platformRoutes,
  ...identityRoutes,
  ...companyRoutes,
  ...companyHrRoutes,
  ...situationRoutes,
  ...documentRoutes,
  ...landlordRoutes,
  ...offerRoutes,
  ...applicationRoutes,
  ...lifecycleRoutes,
  ...jobRoutes,
  ...importRoutes,
  ...alertRoutes,
  ...scoringRoutes,
} as const satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;
export const routeList = Object.entries(routes).map(([id, route]) => ({ id, ...route })) as ({
  id: RouteId;
} & RouteDefinition)[];
