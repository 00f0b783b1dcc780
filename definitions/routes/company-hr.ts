import type { RouteDefinition } from '../route.ts';

/** Company HR: the employees who registered with the company's SIRET, confirmations, recommendations. */
export const companyHrRoutes = {} as const satisfies Record<string, RouteDefinition>;
