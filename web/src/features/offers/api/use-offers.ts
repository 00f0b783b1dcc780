import { useParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** One tab of the offers, page by page ("Voir plus d’offres"), with the three counts. */
export function useOfferTab(tab: Tab) {
  return useInfiniteQuery({
    queryKey: ['offers', 'tab', tab],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      callApi(browseOffers, { query: { tab, ...(pageParam ? { cursor: pageParam } : {}) } }, { token: currentToken(), signal }),
    getNextPageParam: (last) => last.cursor,
  });
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
