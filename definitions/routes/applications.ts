import type { RouteDefinition } from '../route.ts';

/** "Je postule" and "Mes candidatures". */
export const applicationRoutes = {} as const satisfies Record<string, RouteDefinition>;
