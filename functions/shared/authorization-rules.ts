import type { Role } from './roles.ts';
import type { RouteDefinition } from './route.ts';

/** Who calls: a signed-in user of one role, or nobody. */
export type Caller = Role | 'anonymous';

/** Whose object the path ids name: one of the caller's tenant, or another tenant's. */
export type Tenancy = 'own' | 'other';

/**
 * What a caller should get: the route's answer (`allowed`, possibly refused later by a business
 * rule: 409, 422…), 401 without a token, 403 for a role the route does not accept, or a refusal
 * for another tenant's object (`not-yours`: 403 or 404, as the route answers; 404 where saying
 * "forbidden" would confirm that the id exists).
 */
export type ExpectedOutcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'not-yours';

/**
 * The expected outcome of a route for a caller and an object, derived from the route's `access`
 * and `owner` declarations only (issue 12 §8): the authorization matrix test compares it with
 * the live answers. Operators act across tenants on the routes they are allowed.
 */
export function expectedOutcome(route: Pick<RouteDefinition, 'access' | 'owner'>, caller: Caller, tenancy: Tenancy): ExpectedOutcome {
  if (route.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 'unauthenticated';
  if (!route.access.includes(caller)) return 'forbidden';
  if (route.owner === undefined || caller === 'operator') return 'allowed';
  return tenancy === 'own' ? 'allowed' : 'not-yours';
}
