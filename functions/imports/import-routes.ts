import {
  importListQuerySchema,
  importPageSchema,
  importParamsSchema,
  importRequestSchema,
  importUploadSchema,
  importViewSchema,
} from './import-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const requestLandlordImport = {
  method: 'POST',
  path: '/landlord/imports',
  handler: 'imports/handlers/request-landlord-import.ts',
  needs: {
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    indexes: ['GSI2'],
    bucket: { put: ['imports/*.csv', 'imports/*.json'] },
  },
  access: ['landlord'],
  summary: 'Déposer un fichier d’offres (CSV ou JSON) : identifiant d’import et URL de dépôt S3 présignée sous le préfixe du bailleur',
  tag: 'landlord-imports',
  request: { body: importRequestSchema },
  response: { status: 201, description: 'Import en attente du fichier, et où le déposer (PUT)', body: importUploadSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const listLandlordImports = {
  method: 'GET',
  path: '/landlord/imports',
  handler: 'imports/handlers/list-landlord-imports.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI2'] },
  access: ['landlord'],
  summary: 'Imports du bailleur, les plus récents d’abord, avec statut, progression et compteurs',
  tag: 'landlord-imports',
  request: { query: importListQuerySchema },
  response: { status: 200, description: 'Une page d’imports', body: importPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const getLandlordImport = {
  method: 'GET',
  path: '/landlord/imports/{importId}',
  handler: 'imports/handlers/get-landlord-import.ts',
  // The report's link is a presigned GET: it carries this function's read right.
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI2'], bucket: { read: ['imports/*.report.json'] } },
  access: ['landlord'],
  owner: 'landlord',
  summary:
    'Un import du bailleur : statut, progression (lignes traitées sur le total), compteurs, erreurs par ligne et lien vers le rapport',
  tag: 'landlord-imports',
  request: { params: importParamsSchema },
  response: { status: 200, description: 'L’import et son rapport', body: importViewSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

/** Bulk offer upload: the landlord drops a CSV or JSON file in S3 and follows its import. */
export const importRoutes = { requestLandlordImport, listLandlordImports, getLandlordImport } as const satisfies Record<
  string,
  RouteDefinition
>;
