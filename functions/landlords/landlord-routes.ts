import {
  landlordDetailSchema,
  landlordInvitationRequestSchema,
  landlordInvitationViewSchema,
  landlordPageSchema,
  landlordParamsSchema,
  landlordRequestSchema,
  landlordViewSchema,
} from './landlord-schemas.ts';
import { pageQuerySchema } from '#shared/page-cursor.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const createLandlord = {
  method: 'POST',
  path: '/landlords',
  handler: 'landlords/handlers/create-landlord.ts',
  needs: { table: ['GetItem', 'PutItem'] },
  access: ['operator'],
  summary: 'Créer un bailleur social (opérateur)',
  tag: 'landlords',
  request: { body: landlordRequestSchema },
  response: { status: 201, description: 'Bailleur créé', body: landlordViewSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const inviteLandlordUser = {
  method: 'POST',
  path: '/landlords/{landlordId}/users',
  handler: 'landlords/handlers/invite-landlord-user.ts',
  needs: { table: ['GetItem', 'PutItem'], cognito: ['AdminCreateUser', 'AdminGetUser', 'AdminListGroupsForUser', 'AdminAddUserToGroup'] },
  access: ['operator'],
  owner: 'landlord',
  summary: 'Inviter un utilisateur du bailleur (gestionnaire ou commission) ; e-mail avec lien de mot de passe',
  tag: 'landlords',
  request: { params: landlordParamsSchema, body: landlordInvitationRequestSchema },
  response: { status: 201, description: 'Invitation enregistrée (ou la même, si elle est renvoyée)', body: landlordInvitationViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const listLandlords = {
  method: 'GET',
  path: '/operator/landlords',
  handler: 'landlords/handlers/list-landlords.ts',
  needs: { table: ['Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['operator'],
  summary: 'Lister les bailleurs sociaux, par nom, avec le nombre de leurs utilisateurs par rôle (opérateur)',
  tag: 'landlords',
  request: { query: pageQuerySchema },
  response: { status: 200, description: 'Une page de bailleurs', body: landlordPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const getLandlord = {
  method: 'GET',
  path: '/operator/landlords/{landlordId}',
  handler: 'landlords/handlers/get-landlord.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI2'] },
  access: ['operator'],
  owner: 'landlord',
  summary: 'Lire un bailleur social et ses utilisateurs invités (opérateur)',
  tag: 'landlords',
  request: { params: landlordParamsSchema },
  response: { status: 200, description: 'Le bailleur et ses utilisateurs', body: landlordDetailSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

/** Landlord organisations, their users, and their offers (drafts, edits, publication). */
export const landlordRoutes = { createLandlord, inviteLandlordUser, listLandlords, getLandlord } as const satisfies Record<
  string,
  RouteDefinition
>;
