import {
  employeeIdParamsSchema,
  nudCorrectionInputSchema,
  nudCorrectionViewSchema,
  nudRenewalSchema,
  nudViewSchema,
  situationInputSchema,
  situationViewSchema,
} from './situation-schemas.ts';
import { situationRules } from './situation-rules.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const getSituation = {
  method: 'GET',
  path: '/me/situation',
  handler: 'housing-file/handlers/get-situation.ts',
  needs: { table: ['GetItem', 'Query'] },
  access: ['employee'],
  summary: 'Lire « Ma situation » : NUD et validité, ménage et catégorie, revenus, contrat, critères, ce qui manque',
  tag: 'housing-file',
  request: {},
  response: { status: 200, description: 'Ma situation, avec ce qui en découle aujourd’hui', body: situationViewSchema },
  errors: [401, 403, 404],
} as const satisfies RouteDefinition;

export const putSituation = {
  method: 'PUT',
  path: '/me/situation',
  handler: 'housing-file/handlers/put-situation.ts',
  needs: { table: ['GetItem', 'Query', 'UpdateItem'] },
  access: ['employee'],
  summary: 'Remplacer « Ma situation » (une section absente est vidée)',
  tag: 'housing-file',
  request: { body: situationInputSchema },
  response: { status: 200, description: 'Ma situation enregistrée', body: situationViewSchema },
  errors: [400, 401, 403, 404, 409, 422],
} as const satisfies RouteDefinition;

export const renewNud = {
  method: 'POST',
  path: '/me/nud-renewal',
  handler: 'housing-file/handlers/renew-nud.ts',
  needs: { table: ['GetItem', 'UpdateItem'] },
  access: ['employee'],
  summary: `Déclarer le renouvellement de la demande de logement social (NUD), valable ${situationRules.nudValidityMonths} mois`,
  tag: 'housing-file',
  request: { body: nudRenewalSchema },
  response: { status: 200, description: 'Le NUD et sa nouvelle validité', body: nudViewSchema },
  errors: [400, 401, 403, 404, 409, 422],
} as const satisfies RouteDefinition;

export const correctNudDate = {
  method: 'PATCH',
  path: '/operator/employees/{employeeId}/nud',
  handler: 'housing-file/handlers/correct-nud-date.ts',
  needs: { table: ['GetItem', 'UpdateItem', 'PutItem'] },
  access: ['operator'],
  summary: 'Corriger la date de première inscription d’un NUD au vu de l’attestation (opérateur) ; historique et e-mail au salarié',
  tag: 'housing-file',
  request: { params: employeeIdParamsSchema, body: nudCorrectionInputSchema },
  response: { status: 200, description: 'Le NUD corrigé et l’entrée d’historique', body: nudCorrectionViewSchema },
  errors: [400, 401, 403, 404, 409, 422],
} as const satisfies RouteDefinition;

/** "Ma situation": the NUD, the household, income, contract and search criteria (rules R4, R5). */
export const situationRoutes = { getSituation, putSituation, renewNud, correctNudDate } as const satisfies Record<string, RouteDefinition>;
