import { useParams } from 'react-router';
import { type QueryClient, infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyToOffer } from '#applications/application-routes.ts';
import { browseOffer, browseOffers } from '#applications/browse-routes.ts';
import { callApi, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type TabPage = ResponseOf<typeof browseOffers>;
export type Tab = TabPage['tab'];
export type OfferSummary = TabPage['offers'][number];
export type OfferDetails = ResponseOf<typeof browseOffer>;
export type Applied = ResponseOf<typeof applyToOffer>;

export const tabs: readonly Tab[] = ['requested', 'neighbouring', 'department'];

/** The tab in the address (`/offres?onglet=limitrophes`), in French. */
export const tabParams: Record<Tab, string> = { requested: 'demandees', neighbouring: 'limitrophes', department: 'departement' };
export const tabOf = (param: string | null): Tab => tabs.find((tab) => tabParams[tab] === param) ?? 'requested';

/** One tab of the offers, page by page ("Voir plus d’offres"), with the three counts. */
const offerTabQuery = (tab: Tab) =>
  infiniteQueryOptions({
    queryKey: ['offers', 'tab', tab],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      callApi(browseOffers, { query: { tab, ...(pageParam ? { cursor: pageParam } : {}) } }, { token: currentToken(), signal }),
    getNextPageParam: (last) => last.cursor,
    // What the route's loader just read is what the page shows: without this the page, mounting
    // after the answer, would read the tab a second time. A later visit reads it again.
    staleTime: 10_000,
  });

/** The tab the page shows, from the cache when the route's loader started it (`startOfferTab`). */
export function useOfferTab(tab: Tab) {
  return useInfiniteQuery(offerTabQuery(tab));
}

/**
 * Starts the tab the address names as the navigation to it starts (the route's loader), beside
 * the page's chunk and first render: the page then finds its request in flight, or answered.
 */
export function startOfferTab(queryClient: QueryClient, address: URL): Promise<void> {
  return queryClient.prefetchInfiniteQuery(offerTabQuery(tabOf(address.searchParams.get('onglet'))));
}

/** An offer, with the employee's verdict criterion by criterion and the provisional score. */
function useOffer(offerId: string) {
  return useQuery({
    queryKey: ['offers', 'offer', offerId],
    queryFn: ({ signal }) => callApi(browseOffer, { params: { offerId } }, { token: currentToken(), signal }),
  });
}

/** The offer the page's address names (`:offerId`). */
export function usePageOffer() {
  const offerId = useParams().offerId ?? '';
  return { offerId, offer: useOffer(offerId) };
}

/** "Je postule": the answer carries the message to show. */
export function useApply(offerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApi(applyToOffer, { params: { offerId } }, { token: currentToken() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['offers'] });
      void queryClient.invalidateQueries({ queryKey: ['me', 'applications'] });
    },
  });
}
