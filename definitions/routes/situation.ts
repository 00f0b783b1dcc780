import type { RouteDefinition } from '../route.ts';

/** "Ma situation": the NUD, the household, income, contract and search criteria (rules R4, R5). */
export const situationRoutes = {} as const satisfies Record<string, RouteDefinition>;
