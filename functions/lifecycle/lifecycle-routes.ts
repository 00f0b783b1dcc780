import { applicationParamsSchema, applicationViewSchema } from '#applications/application-schemas.ts';
import {
  candidatesSchema,
  commissionDecisionSchema,
  commissionOutcomeSchema,
  historySchema,
  republishSchema,
} from './lifecycle-schemas.ts';
import { offerParamsSchema, offerViewSchema } from '#offers/offer-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const getOfferCandidates = {
  method: 'GET',
  path: '/landlord/offers/{offerId}/candidates',
  handler: 'lifecycle/handlers/get-offer-candidates.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query'], indexes: ['GSI1', 'GSI2'], bucket: { read: ['documents/*'] } },
  access: ['commission'],
  owner: 'landlord',
  summary: 'Les dossiers retenus par le robot (3 au plus), avec score, situation et pièces : la commission seule',
  tag: 'lifecycle',
  request: { params: offerParamsSchema },
  response: { status: 200, description: 'Les dossiers retenus, dans l’ordre du robot', body: candidatesSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const decideCommission = {
  method: 'POST',
  path: '/landlord/offers/{offerId}/commission-decision',
  handler: 'lifecycle/handlers/decide-commission.ts',
  needs: {
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
    indexes: ['GSI1', 'GSI2'],
    lifecycle: ['SendTaskSuccess'],
  },
  access: ['commission'],
  owner: 'landlord',
  summary: 'Classement de la commission d’attribution : ordre des dossiers retenus, motifs, exclusions',
  tag: 'lifecycle',
  request: { params: offerParamsSchema, body: commissionDecisionSchema },
  response: { status: 200, description: 'Classement enregistré ; le logement est proposé au premier', body: commissionOutcomeSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const getOfferHistory = {
  method: 'GET',
  path: '/landlord/offers/{offerId}/history',
  handler: 'lifecycle/handlers/get-offer-history.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query'], indexes: ['GSI2'] },
  access: ['landlord', 'commission', 'operator'],
  owner: 'landlord',
  summary: 'Historique de l’offre : résultat du robot, décision de la commission, délais, réponses',
  tag: 'lifecycle',
  request: { params: offerParamsSchema },
  response: { status: 200, description: 'Les événements, du plus ancien au plus récent', body: historySchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

export const acceptOffer = {
  method: 'POST',
  path: '/me/applications/{applicationId}/accept',
  handler: 'lifecycle/handlers/accept-offer.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'], lifecycle: ['SendTaskSuccess'] },
  access: ['employee'],
  owner: 'applicant',
  summary: 'Accepter le logement proposé, avant la date limite',
  tag: 'lifecycle',
  request: { params: applicationParamsSchema },
  response: { status: 200, description: 'Acceptation enregistrée (ou déjà enregistrée : la même)', body: applicationViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const declineOffer = {
  method: 'POST',
  path: '/me/applications/{applicationId}/decline',
  handler: 'lifecycle/handlers/decline-offer.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'], lifecycle: ['SendTaskSuccess'] },
  access: ['employee'],
  owner: 'applicant',
  summary: 'Refuser le logement proposé : il est proposé au candidat suivant',
  tag: 'lifecycle',
  request: { params: applicationParamsSchema },
  response: { status: 200, description: 'Refus enregistré (ou déjà enregistré : le même)', body: applicationViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const republishOffer = {
  method: 'POST',
  path: '/landlord/offers/{offerId}/republish',
  handler: 'lifecycle/handlers/republish-offer.ts',
  needs: {
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
    indexes: ['GSI1', 'GSI2'],
    lifecycle: ['StartExecution'],
  },
  access: ['landlord'],
  owner: 'landlord',
  summary: 'Republier une offre non pourvue : une nouvelle offre, copie de l’ancienne, ouvre une nouvelle période de candidature',
  tag: 'lifecycle',
  request: { params: offerParamsSchema, body: republishSchema },
  response: { status: 201, description: 'Nouvelle offre publiée (ou déjà republiée : la même)', body: offerViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

/** The offer lifecycle seen from the commission, the landlord, the operator and the candidate. */
export const lifecycleRoutes = {
  getOfferCandidates,
  decideCommission,
  getOfferHistory,
  acceptOffer,
  declineOffer,
  republishOffer,
} as const satisfies Record<string, RouteDefinition>;
