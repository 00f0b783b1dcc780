import {
  companyEmployeePageSchema,
  companyEmployeeParamsSchema,
  employeeListQuerySchema,
  employmentDecisionSchema,
  employmentDecisionViewSchema,
  hrInvitationRequestSchema,
  hrInvitationViewSchema,
  recommendationViewSchema,
} from './hr-schemas.ts';
import { siretParamsSchema } from '#companies/company-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const inviteHrUser = {
  method: 'POST',
  path: '/companies/{siret}/hr-users',
  handler: 'company-hr/handlers/invite-hr-user.ts',
  needs: {
    table: ['GetItem', 'PutItem'],
    cognito: ['AdminCreateUser', 'AdminGetUser', 'AdminListGroupsForUser', 'AdminAddUserToGroup'],
  },
  access: ['operator'],
  owner: 'company',
  summary: 'Inviter le contact RH d’une entreprise (opérateur) ; e-mail avec lien de mot de passe',
  tag: 'company-hr',
  request: { params: siretParamsSchema, body: hrInvitationRequestSchema },
  response: { status: 201, description: 'Invitation enregistrée (ou la même, si elle est renvoyée)', body: hrInvitationViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const listCompanyEmployees = {
  method: 'GET',
  path: '/companies/{siret}/employees',
  handler: 'company-hr/handlers/list-company-employees.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI2'] },
  access: ['company', 'operator'],
  owner: 'company',
  summary: 'Salariés inscrits avec le SIRET de l’entreprise : nom, date d’inscription, statuts',
  tag: 'company-hr',
  request: { params: siretParamsSchema, query: employeeListQuerySchema },
  response: { status: 200, description: 'Une page de salariés', body: companyEmployeePageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const decideEmployment = {
  method: 'POST',
  path: '/companies/{siret}/employees/{employeeId}/employment',
  handler: 'company-hr/handlers/decide-employment.ts',
  // The employee read, then the decision and its e-mail in one transaction.
  needs: { table: ['GetItem', 'UpdateItem', 'PutItem'] },
  access: ['company'],
  owner: 'company',
  summary: 'Confirmer ou non qu’un salarié travaille dans l’entreprise',
  tag: 'company-hr',
  request: { params: companyEmployeeParamsSchema, body: employmentDecisionSchema },
  response: { status: 200, description: 'Décision enregistrée', body: employmentDecisionViewSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

export const recommendEmployee = {
  method: 'POST',
  path: '/companies/{siret}/employees/{employeeId}/recommendation',
  handler: 'company-hr/handlers/recommend-employee.ts',
  needs: { table: ['UpdateItem'] },
  access: ['company'],
  owner: 'company',
  summary: 'Recommander un salarié (critère de cotation)',
  tag: 'company-hr',
  request: { params: companyEmployeeParamsSchema },
  response: { status: 200, description: 'Salarié recommandé', body: recommendationViewSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

export const withdrawRecommendation = {
  method: 'DELETE',
  path: '/companies/{siret}/employees/{employeeId}/recommendation',
  handler: 'company-hr/handlers/withdraw-recommendation.ts',
  needs: { table: ['UpdateItem'] },
  access: ['company'],
  owner: 'company',
  summary: 'Retirer la recommandation d’un salarié',
  tag: 'company-hr',
  request: { params: companyEmployeeParamsSchema },
  response: { status: 200, description: 'Recommandation retirée', body: recommendationViewSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

/** Company HR: the employees who registered with the company's SIRET, confirmations, recommendations. */
export const companyHrRoutes = {
  inviteHrUser,
  listCompanyEmployees,
  decideEmployment,
  recommendEmployee,
  withdrawRecommendation,
} as const satisfies Record<string, RouteDefinition>;
