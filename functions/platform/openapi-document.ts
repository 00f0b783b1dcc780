import * as z from 'zod';
import type { RouteDefinition } from '#shared/route.ts';

const statusText: Record<number, string> = {
  400: 'Requête invalide (messages par champ)',
  401: 'Authentification requise ou jeton invalide',
  403: 'Accès refusé à ce profil ou à cette ressource',
  404: 'Ressource inconnue',
  409: 'Conflit avec l’état actuel',
  410: 'Lien ou ressource expiré',
  413: 'Corps de requête trop volumineux (plus de 1 Mo)',
  415: 'Corps de requête envoyé dans un autre format que JSON',
  422: 'Règle métier non respectée (messages par champ)',
  429: 'Trop de tentatives : réessayer après `Retry-After` secondes',
};

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function parameters(route: RouteDefinition) {
  const from = (location: 'path' | 'query', schema: z.ZodObject | undefined) =>
    Object.entries(schema?.shape ?? {}).map(([name, field]) => ({
      name,
      in: location,
      required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      schema: jsonSchema(field as z.ZodType, 'input'),
    }));
  return [...from('path', route.request.params), ...from('query', route.request.query)];
}

/**
 * The OpenAPI 3.1 document of the route table. Schemas come from the same zod objects the
 * handlers parse with, so the document cannot drift from the code.
 */
export function openApiDocument(routes: Record<string, RouteDefinition>, serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    const responses: Record<string, unknown> = {
      [route.response.status]: {
        description: route.response.description,
        content: { 'application/json': { schema: jsonSchema(route.response.body, 'output') } },
      },
    };
    for (const status of route.errors) {
      responses[status] = {
        description: statusText[status] ?? 'Erreur',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      security: route.access === 'public' ? [] : [{ bearer: [] }],
      ...(route.access === 'public' ? {} : { 'x-roles': route.access }),
      parameters: parameters(route),
      ...(route.request.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Logement des salariés — API',
      version: '0.1.0',
      description:
        'Candidatures des salariés des entreprises cotisantes aux offres de logement social. ' +
        'Authentification : jeton ID Cognito en `Authorization: Bearer <jeton>` ; les rôles sont les groupes Cognito.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
  };
}
