import type { RouteDefinition } from '../route.ts';

/** Landlord organisations, their users, and their offers (drafts, edits, publication). */
export const landlordRoutes = {} as const satisfies Record<string, RouteDefinition>;
