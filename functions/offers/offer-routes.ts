import {
  offerDraftSchema,
  offerListQuerySchema,
  offerPageSchema,
  offerParamsSchema,
  offerPatchSchema,
  offerViewSchema,
} from './offer-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const createLandlordOffer = {
  method: 'POST',
  path: '/landlord/offers',
  handler: 'offers/handlers/create-landlord-offer.ts',
  needs: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], indexes: ['GSI1', 'GSI2'] },
  access: ['landlord'],
  summary: 'Créer une offre en brouillon (seule la référence externe est obligatoire)',
  tag: 'landlord-offers',
  request: { body: offerDraftSchema },
  response: { status: 201, description: 'Brouillon créé', body: offerViewSchema },
  errors: [400, 401, 403, 409],
} as const satisfies RouteDefinition;

export const listLandlordOffers = {
  method: 'GET',
  path: '/landlord/offers',
  handler: 'offers/handlers/list-landlord-offers.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['landlord', 'commission'],
  summary: 'Offres du bailleur, les plus récentes d’abord, avec statut et nombre de candidats',
  tag: 'landlord-offers',
  request: { query: offerListQuerySchema },
  response: { status: 200, description: 'Une page d’offres', body: offerPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const getLandlordOffer = {
  method: 'GET',
  path: '/landlord/offers/{offerId}',
  handler: 'offers/handlers/get-landlord-offer.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['landlord', 'commission'],
  owner: 'landlord',
  summary: 'Une offre du bailleur',
  tag: 'landlord-offers',
  request: { params: offerParamsSchema },
  response: { status: 200, description: 'L’offre', body: offerViewSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

export const updateLandlordOffer = {
  method: 'PATCH',
  path: '/landlord/offers/{offerId}',
  handler: 'offers/handlers/update-landlord-offer.ts',
  needs: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI1', 'GSI2'] },
  access: ['landlord'],
  owner: 'landlord',
  summary: 'Modifier un brouillon (champs envoyés remplacés, null efface) ; une offre publiée ne se modifie plus',
  tag: 'landlord-offers',
  request: { params: offerParamsSchema, body: offerPatchSchema },
  response: { status: 200, description: 'Brouillon modifié', body: offerViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

export const publishLandlordOffer = {
  method: 'POST',
  path: '/landlord/offers/{offerId}/publish',
  handler: 'offers/handlers/publish-landlord-offer.ts',
  needs: { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI1', 'GSI2'], lifecycle: ['StartExecution'] },
  access: ['landlord'],
  owner: 'landlord',
  summary: 'Publier un brouillon complet : ouvre la période de candidature (7 jours par défaut)',
  tag: 'landlord-offers',
  request: { params: offerParamsSchema },
  response: { status: 200, description: 'Offre publiée (ou déjà publiée : la même)', body: offerViewSchema },
  errors: [400, 401, 403, 404, 409, 422],
} as const satisfies RouteDefinition;

/** The landlord’s offers: create, list, read, edit, publish. */
export const landlordOfferRoutes = {
  createLandlordOffer,
  listLandlordOffers,
  getLandlordOffer,
  updateLandlordOffer,
  publishLandlordOffer,
} as const satisfies Record<string, RouteDefinition>;
