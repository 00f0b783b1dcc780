import {
  companyDeclarationSchema,
  companyViewSchema,
  publicEligibilitySchema,
  siretParamsSchema,
} from '#companies/schemas.ts';
import type { RouteDefinition } from '../route.ts';

/** Companies (rule R1) and their HR contacts. */
export const companyRoutes = {
  createCompany: {
    method: 'POST',
    path: '/companies',
    handler: 'companies/create-company.ts',
    access: ['operator'],
    summary: 'Déclarer une entreprise (opérateur)',
    tag: 'companies',
    request: { body: companyDeclarationSchema },
    response: { status: 201, description: 'Entreprise déclarée, avec son éligibilité', body: companyViewSchema },
    errors: [400, 401, 403, 409],
  },
  getCompany: {
    method: 'GET',
    path: '/companies/{siret}',
    handler: 'companies/get-company.ts',
    access: ['operator', 'company'],
    summary: 'Lire une entreprise et son éligibilité motivée',
    tag: 'companies',
    request: { params: siretParamsSchema },
    response: { status: 200, description: 'Entreprise', body: companyViewSchema },
    errors: [400, 401, 403, 404],
  },
  getCompanyEligibility: {
    method: 'GET',
    path: '/companies/{siret}/eligibility',
    handler: 'companies/get-eligibility.ts',
    access: 'public',
    summary: 'Savoir si une entreprise est éligible (public)',
    tag: 'companies',
    request: { params: siretParamsSchema },
    response: { status: 200, description: 'Éligible ou non', body: publicEligibilitySchema },
    errors: [400],
  },
} as const satisfies Record<string, RouteDefinition>;
