import {
  companyDeclarationSchema,
  companyHistorySchema,
  companyPageSchema,
  companyUpdateSchema,
  companyUpdateViewSchema,
  companyViewSchema,
  publicEligibilitySchema,
  siretParamsSchema,
} from './company-schemas.ts';
import { pageQuerySchema } from '#shared/page-cursor.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const createCompany = {
  method: 'POST',
  path: '/companies',
  handler: 'companies/handlers/create-company.ts',
  needs: { table: ['GetItem', 'PutItem'] },
  access: ['operator'],
  summary: 'Déclarer une entreprise (opérateur)',
  tag: 'companies',
  request: { body: companyDeclarationSchema },
  response: { status: 201, description: 'Entreprise déclarée, avec son éligibilité', body: companyViewSchema },
  errors: [400, 401, 403, 409],
} as const satisfies RouteDefinition;

export const getCompany = {
  method: 'GET',
  path: '/companies/{siret}',
  handler: 'companies/handlers/get-company.ts',
  needs: { table: ['GetItem'] },
  access: ['operator', 'company'],
  owner: 'company',
  summary: 'Lire une entreprise et son éligibilité motivée',
  tag: 'companies',
  request: { params: siretParamsSchema },
  response: { status: 200, description: 'Entreprise', body: companyViewSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

export const getCompanyEligibility = {
  method: 'GET',
  path: '/companies/{siret}/eligibility',
  handler: 'companies/handlers/get-company-eligibility.ts',
  needs: { table: ['GetItem'] },
  access: 'public',
  summary: 'Savoir si une entreprise est éligible (public)',
  tag: 'companies',
  request: { params: siretParamsSchema },
  response: { status: 200, description: 'Éligible ou non', body: publicEligibilitySchema },
  errors: [400, 429],
  throttle: { rate: 50, burst: 100 },
  limits: [
    { by: 'ip', max: 300, windowSeconds: 300 },
    { by: 'params.siret', max: 60, windowSeconds: 300 },
  ],
} as const satisfies RouteDefinition;

export const updateCompany = {
  method: 'PATCH',
  path: '/companies/{siret}',
  handler: 'companies/handlers/update-company.ts',
  needs: { table: ['GetItem', 'PutItem'] },
  access: ['company', 'operator'],
  owner: 'company',
  summary: 'Mettre à jour les chiffres de l’entreprise (effectif, secteur agricole, PEEC) ; éligibilité recalculée et expliquée',
  tag: 'companies',
  request: { params: siretParamsSchema, body: companyUpdateSchema },
  response: { status: 200, description: 'L’entreprise à jour, son éligibilité avant et après', body: companyUpdateViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const getCompanyHistory = {
  method: 'GET',
  path: '/companies/{siret}/history',
  handler: 'companies/handlers/get-company-history.ts',
  needs: { table: ['GetItem', 'Query'] },
  access: ['operator'],
  summary: 'Historique des chiffres d’une entreprise : chaque mise à jour, par qui, avant et après (opérateur)',
  tag: 'companies',
  request: { params: siretParamsSchema },
  response: { status: 200, description: 'Les mises à jour, de la plus ancienne à la plus récente', body: companyHistorySchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

export const listCompanies = {
  method: 'GET',
  path: '/operator/companies',
  handler: 'companies/handlers/list-companies.ts',
  needs: { table: ['Query'], indexes: ['GSI1'] },
  access: ['operator'],
  summary: 'Lister les entreprises déclarées, par nom, avec leur éligibilité (opérateur)',
  tag: 'companies',
  request: { query: pageQuerySchema },
  response: { status: 200, description: 'Une page d’entreprises', body: companyPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

/** Companies (rule R1) and their HR contacts. */
export const companyRoutes = {
  createCompany,
  getCompany,
  getCompanyEligibility,
  updateCompany,
  getCompanyHistory,
  listCompanies,
} as const satisfies Record<string, RouteDefinition>;
