import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod';
import { roles, type Role } from './roles.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';

/** Who calls, as told by the JWT authorizer: the Cognito user, its groups and its organisation. */
export interface Principal {
  readonly userId: string;
  /** The account's e-mail (its Cognito user name), from the ID token. */
  readonly email?: string;
  readonly roles: readonly Role[];
  /** SIRET of the company a `company` user belongs to. */
  readonly siret?: string;
  /** Landlord organisation of a `landlord` or `commission` user. */
  readonly landlordId?: string;
}

/**
 * API Gateway HTTP APIs flatten array claims into one string, `[employee operator]`; a direct
 * invocation may still pass an array. Both are accepted.
 */
const groupsClaim = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((value): string[] => {
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    return value
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  });

const claimsSchema = z.object({
  // ID tokens only: the access token lacks the `custom:*` claims, and the JWT authorizer lets it through (docs/decisions.md).
  token_use: z.literal('id'),
  sub: z.string().min(1),
  email: z.string().optional(),
  'cognito:groups': groupsClaim,
  'custom:siret': z.string().optional(),
  'custom:landlordId': z.string().optional(),
});

export function principalFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new UnauthorizedError('Jeton d’accès incomplet.');
  const known = new Set<string>(roles);
  return {
    userId: parsed.data.sub,
    email: parsed.data.email,
    roles: parsed.data['cognito:groups'].filter((group): group is Role => known.has(group)),
    siret: parsed.data['custom:siret'],
    landlordId: parsed.data['custom:landlordId'],
  };
}

/** Throws unless the principal holds one of the allowed roles. */
export function requireRole(principal: Principal | undefined, allowed: readonly Role[]): Principal {
  if (!principal) throw new UnauthorizedError('Authentification requise.');
  if (!principal.roles.some((role) => allowed.includes(role))) {
    throw new ForbiddenError('Votre profil ne permet pas cette action.');
  }
  return principal;
}
