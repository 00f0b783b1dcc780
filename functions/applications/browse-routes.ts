import { browseParamsSchema, browseQuerySchema, offerDetailsSchema, tabPageSchema } from './browse-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const browseOffers = {
  method: 'GET',
  path: '/offers',
  handler: 'applications/handlers/offer-tabs.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query'], indexes: ['GSI1'] },
  access: ['employee'],
  summary:
    'Offres auxquelles le salarié peut candidater, par onglet (communes demandées, limitrophes, autres communes du département), avec les trois compteurs ; s’il ne peut pas candidater, ce qui manque et où le corriger',
  tag: 'offers',
  request: { query: browseQuerySchema },
  response: { status: 200, description: 'La page de l’onglet et les compteurs des trois onglets', body: tabPageSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

export const browseOffer = {
  method: 'GET',
  path: '/offers/{offerId}',
  handler: 'applications/handlers/offer-detail.ts',
  needs: { table: ['GetItem', 'BatchGetItem', 'Query'], indexes: ['GSI1'] },
  access: ['employee'],
  summary:
    'Détail d’une offre publiée, verdict du salarié critère par critère (le même que « Je postule ») et, pendant la période de candidature, son score provisoire',
  description:
    'Une fois les candidatures closes, l’offre n’est plus montrée qu’aux salariés qui y ont candidaté (retrait compris), avec le verdict « candidatures closes » ; ' +
    'à tout autre salarié, la même réponse 404 que pour un identifiant inconnu, pour qu’on ne puisse pas rapprocher l’adresse d’une offre de son résultat publié.',
  tag: 'offers',
  request: { params: browseParamsSchema },
  response: { status: 200, description: 'L’offre et le verdict', body: offerDetailsSchema },
  errors: [400, 401, 403, 404],
} as const satisfies RouteDefinition;

/** The employee's view of offers: the three tabs (R7) and an offer's details with its verdict. */
export const browseRoutes = { browseOffers, browseOffer } as const satisfies Record<string, RouteDefinition>;
