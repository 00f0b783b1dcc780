import {
  applicationListQuerySchema,
  applicationPageSchema,
  applicationParamsSchema,
  applicationViewSchema,
  appliedSchema,
} from './application-schemas.ts';
import { offerParamsSchema } from '#offers/offer-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const applyToOffer = {
  method: 'POST',
  path: '/offers/{offerId}/applications',
  handler: 'applications/handlers/apply-to-offer.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: ['GSI1'] },
  access: ['employee'],
  summary:
    'Je postule : candidature à une offre publiée et ouverte (NUD valide, dossier complet, éligible, sous le plafond de candidatures en cours)',
  description:
    'Selon le verdict de `GET /offers/{offerId}` ; un refus donne le premier motif non rempli : 409 `WINDOW_CLOSED`, ' +
    '422 `NUD_INVALID`, `FILE_INCOMPLETE`, `NOT_ELIGIBLE` ou `TOO_MANY_APPLICATIONS`.',
  tag: 'applications',
  request: { params: offerParamsSchema },
  response: {
    status: 201,
    description: 'Candidature enregistrée ; une répétition renvoie la même candidature, avec le même statut',
    body: appliedSchema,
  },
  errors: [400, 401, 403, 404, 409, 422],
} as const satisfies RouteDefinition;

export const listMyApplications = {
  method: 'GET',
  path: '/me/applications',
  handler: 'applications/handlers/list-my-applications.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['employee'],
  summary:
    'Mes candidatures, les plus récentes d’abord, avec statut, position provisoire (« 12e sur 87 ») pendant la période de candidature et rang une fois connu',
  tag: 'applications',
  request: { query: applicationListQuerySchema },
  response: { status: 200, description: 'Une page de candidatures', body: applicationPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const withdrawMyApplication = {
  method: 'DELETE',
  path: '/me/applications/{applicationId}',
  handler: 'applications/handlers/withdraw-my-application.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: ['GSI1'] },
  access: ['employee'],
  owner: 'applicant',
  summary: 'Retirer sa candidature tant que la période de candidature est ouverte (l’identifiant est celui de l’offre)',
  tag: 'applications',
  request: { params: applicationParamsSchema },
  response: { status: 200, description: 'Candidature retirée (ou déjà retirée : la même)', body: applicationViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

/** "Je postule" and "Mes candidatures". */
export const applicationRoutes = { applyToOffer, listMyApplications, withdrawMyApplication } as const satisfies Record<
  string,
  RouteDefinition
>;
