import { documentListSchema, documentUploadRequestBody, documentUploadSchema } from './document-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const requestDocumentUpload = {
  method: 'POST',
  path: '/me/documents',
  handler: 'housing-file/handlers/request-document-upload.ts',
  needs: { table: ['Query', 'ConditionCheckItem', 'PutItem'], bucket: { put: ['documents/*'] } },
  access: ['employee'],
  summary: 'Demander l’envoi d’une pièce justificative : URL de dépôt S3 présignée (type et taille imposés)',
  tag: 'housing-file',
  request: { body: documentUploadRequestBody },
  response: { status: 201, description: 'Pièce attendue et URL de dépôt', body: documentUploadSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const listDocuments = {
  method: 'GET',
  path: '/me/documents',
  handler: 'housing-file/handlers/list-documents.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI2'] },
  access: ['employee'],
  summary: 'Mes pièces justificatives et la complétude de mon dossier',
  tag: 'housing-file',
  request: {},
  response: { status: 200, description: 'Pièces, dossier complet ou ce qui manque', body: documentListSchema },
  errors: [401, 403, 404],
} as const satisfies RouteDefinition;

/** Supporting documents and the completeness of the housing file (rule R6). */
export const documentRoutes = { requestDocumentUpload, listDocuments } as const satisfies Record<string, RouteDefinition>;
