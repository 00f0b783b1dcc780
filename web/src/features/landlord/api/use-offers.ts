import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getOfferHistory, republishOffer } from '#lifecycle/lifecycle-routes.ts';
import {
  createLandlordOffer,
  getLandlordOffer,
  listLandlordOffers,
  publishLandlordOffer,
  updateLandlordOffer,
} from '#offers/offer-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type Offer = ResponseOf<typeof getLandlordOffer>;
export type OfferDraft = RequestOf<typeof createLandlordOffer>['body'];
export type OfferPatch = RequestOf<typeof updateLandlordOffer>['body'];
export type History = ResponseOf<typeof getOfferHistory>;

const offersKey = ['landlord', 'offers'] as const;
const offerKey = (offerId: string) => [...offersKey, offerId] as const;

/** The landlord's offers, newest first, with status and applicant count (one page of 100). */
export function useOffers() {
  return useQuery({
    queryKey: offersKey,
    queryFn: () => callApi(listLandlordOffers, { query: { limit: 100 } }, { token: currentToken() }),
  });
}

function useOffer(offerId: string) {
  return useQuery({
    queryKey: offerKey(offerId),
    queryFn: () => callApi(getLandlordOffer, { params: { offerId } }, { token: currentToken() }),
  });
}

/** The offer the page's address names (`:offerId`): the offer's page and its edit page read it alike. */
export function usePageOffer() {
  const offerId = useParams().offerId ?? '';
  return { offerId, offer: useOffer(offerId) };
}

/** The offer's lifecycle events; asked again every few seconds while the offer is live. */
export function useOfferHistory(offerId: string, live: boolean) {
  return useQuery({
    queryKey: [...offerKey(offerId), 'history'],
    queryFn: () => callApi(getOfferHistory, { params: { offerId } }, { token: currentToken() }),
    refetchInterval: (query) => {
      const stage = query.state.data?.stage;
      return live && stage !== 'ATTRIBUTED' && stage !== 'UNFILLED' ? 3000 : false;
    },
  });
}

export function useCreateOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OfferDraft) => callApi(createLandlordOffer, { body }, { token: currentToken() }),
    onSuccess: (offer) => {
      queryClient.setQueryData(offerKey(offer.offerId), offer);
      return queryClient.invalidateQueries({ queryKey: offersKey, exact: true });
    },
  });
}

export function useUpdateOffer(offerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OfferPatch) => callApi(updateLandlordOffer, { params: { offerId }, body }, { token: currentToken() }),
    onSuccess: (offer) => {
      queryClient.setQueryData(offerKey(offerId), offer);
      return queryClient.invalidateQueries({ queryKey: offersKey, exact: true });
    },
  });
}

export function usePublishOffer(offerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApi(publishLandlordOffer, { params: { offerId } }, { token: currentToken() }),
    onSuccess: (offer) => {
      queryClient.setQueryData(offerKey(offerId), offer);
      return queryClient.invalidateQueries({ queryKey: offersKey });
    },
  });
}

/** An unfilled offer published again as a new offer (its reference by default the old one with `-RP`). */
export function useRepublishOffer(offerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (externalReference: string | undefined) =>
      callApi(republishOffer, { params: { offerId }, body: externalReference ? { externalReference } : {} }, { token: currentToken() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: offersKey }),
  });
}
