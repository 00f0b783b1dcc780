import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { decideCommission, getOfferCandidates, getOfferHistory } from '#lifecycle/lifecycle-routes.ts';
import { getLandlordOffer, listLandlordOffers } from '#offers/offer-routes.ts';
import { ApiError, callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type Candidates = ResponseOf<typeof getOfferCandidates>;
export type Candidate = Candidates['candidates'][number];
export type Decision = RequestOf<typeof decideCommission>['body'];

const commissionKey = (offerId: string) => ['commission', 'offers', offerId] as const;

/** The landlord's offers, as the commission sees them (status and applicant counts). */
export function useCommissionOffers() {
  return useQuery({
    queryKey: ['commission', 'offers'],
    queryFn: () => callApi(listLandlordOffers, { query: { limit: 100 } }, { token: currentToken() }),
  });
}

export function useCommissionOffer(offerId: string) {
  return useQuery({
    queryKey: [...commissionKey(offerId), 'offer'],
    queryFn: () => callApi(getLandlordOffer, { params: { offerId } }, { token: currentToken() }),
  });
}

/**
 * The files the robot selected, with score, situation, proofs and document links (valid 5 minutes:
 * asked again every 4). Before the robot has selected, the API answers 409: asked again every 2 s.
 */
export function useCandidates(offerId: string) {
  return useQuery({
    queryKey: [...commissionKey(offerId), 'candidates'],
    queryFn: () => callApi(getOfferCandidates, { params: { offerId } }, { token: currentToken() }),
    retry: false,
    refetchInterval: (query) =>
      query.state.error instanceof ApiError && query.state.error.status === 409 ? 2000 : query.state.data ? 240_000 : false,
  });
}

export function useCommissionHistory(offerId: string) {
  return useQuery({
    queryKey: [...commissionKey(offerId), 'history'],
    queryFn: () => callApi(getOfferHistory, { params: { offerId } }, { token: currentToken() }),
    refetchInterval: (query) => (query.state.data?.stage === 'ATTRIBUTED' || query.state.data?.stage === 'UNFILLED' ? false : 3000),
  });
}

export function useDecide(offerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Decision) => callApi(decideCommission, { params: { offerId }, body }, { token: currentToken() }),
    // Not awaited: the page's `onSent` (mutate's own callback) must run before the refetched stage
    // (no longer COMMISSION) unmounts the form, or the confirmation is lost (TanStack skips it then).
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: commissionKey(offerId) });
    },
  });
}
