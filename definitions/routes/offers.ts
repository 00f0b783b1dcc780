import type { RouteDefinition } from '../route.ts';

/** The employee's view of offers: the three tabs (R7) and an offer's details with its verdict. */
export const offerRoutes = {} as const satisfies Record<string, RouteDefinition>;
