import {
  companyDeclarationSchema,
  companyViewSchema,
  publicEligibilitySchema,
  siretParamsSchema,
} from '#companies/schemas.ts';
import { loginSchema, tokensSchema } from '#identity/schemas.ts';
import { healthSchema, openApiDocumentSchema } from '#platform/schemas.ts';
import type { RouteDefinition } from './route.ts';

/**
 * The route table: every HTTP route of the API. Keys are OpenAPI operation ids. Read by the
 * stateless CDK stack (one function and one API route each), by the local gateway, by the
 * handlers (their schemas and allowed roles) and by the OpenAPI generator.
 */
export const routes = {
  health: {
    method: 'GET',
    path: '/health',
    handler: 'platform/health.ts',
    access: 'public',
    summary: 'État du service et de chacune de ses dépendances',
    tag: 'platform',
    request: {},
    response: { status: 200, description: 'État des dépendances', body: healthSchema },
    errors: [],
  },
  openApi: {
    method: 'GET',
    path: '/openapi.json',
    handler: 'platform/openapi.ts',
    access: 'public',
    summary: 'Ce document OpenAPI 3.1',
    tag: 'platform',
    request: {},
    response: { status: 200, description: 'Document OpenAPI', body: openApiDocumentSchema },
    errors: [],
  },
  login: {
    method: 'POST',
    path: '/auth/login',
    handler: 'identity/login.ts',
    access: 'public',
    summary: 'Connexion par e-mail et mot de passe ; renvoie les jetons',
    tag: 'identity',
    request: { body: loginSchema },
    response: { status: 200, description: 'Jetons Cognito', body: tokensSchema },
    errors: [400, 401],
  },
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

export type RouteId = keyof typeof routes;
export const routeList = Object.entries(routes).map(([id, route]) => ({ id, ...route })) as ({
  id: RouteId;
} & RouteDefinition)[];
