import { erasureSchema, personalDataExportSchema } from '#identity/identity-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const exportMe = {
  method: 'GET',
  path: '/me/export',
  handler: 'privacy/handlers/export-me.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['employee'],
  summary: 'RGPD : toutes mes données, en JSON',
  tag: 'identity',
  request: {},
  response: { status: 200, description: 'Export des données personnelles', body: personalDataExportSchema },
  errors: [401, 403, 404],
} as const satisfies RouteDefinition;

export const eraseMe = {
  method: 'DELETE',
  path: '/me',
  handler: 'privacy/handlers/erase-me.ts',
  needs: {
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
    indexes: ['GSI1', 'GSI2', 'GSI3'],
    bucket: { list: ['documents/*'], delete: ['documents/*'] },
    cognito: ['AdminDeleteUser'],
  },
  access: ['employee'],
  summary: 'RGPD : effacer mon compte, mon dossier et mes pièces',
  tag: 'identity',
  request: {},
  response: { status: 200, description: 'Compte effacé', body: erasureSchema },
  errors: [401, 403],
} as const satisfies RouteDefinition;

/** The employee’s personal data (GDPR): export and erasure. */
export const privacyRoutes = { exportMe, eraseMe } as const satisfies Record<string, RouteDefinition>;
