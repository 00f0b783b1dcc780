import type { RouteDefinition } from '../route.ts';

/** Supporting documents and the completeness of the housing file (rule R6). */
export const documentRoutes = {} as const satisfies Record<string, RouteDefinition>;
