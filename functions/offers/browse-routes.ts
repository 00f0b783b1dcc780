import { browseParamsSchema, browseQuerySchema, offerDetailsSchema, tabPageSchema } from './browse-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const browseOffers = {
  method: 'GET',
  path: '/offers',
  handler: 'offers/handlers/offer-tabs.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['employee'],
  summary:
    'Offres auxquelles le salarié peut candidater, par onglet (communes demandées, limitrophes, autres communes du département), avec les trois compteurs',
  tag: 'offers',
  request: { query: browseQuerySchema },
  response: { status: 200, description: 'La page de l’onglet et les compteurs des trois onglets', body: tabPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const browseOffer = {
  method: 'GET',
  path: '/offers/{offerId}',
  handler: 'offers/handlers/offer-detail.ts',
  needs: { table: ['GetItem', 'Query'], indexes: ['GSI1', 'GSI2'] },
  access: ['employee'],
  summary: 'Détail d’une offre publiée et verdict d’éligibilité du salarié, critère par critère',
  tag: 'offers',
  request: { params: browseParamsSchema },
  response: { status: 200, description: 'L’offre et le verdict', body: offerDetailsSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

/** The employee's view of offers: the three tabs (R7) and an offer's details with its verdict. */
export const offerRoutes = { browseOffers, browseOffer } as const satisfies Record<string, RouteDefinition>;
