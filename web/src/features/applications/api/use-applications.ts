import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { listMyApplications, withdrawMyApplication } from '#applications/application-routes.ts';
import { acceptOffer, declineOffer } from '#lifecycle/lifecycle-routes.ts';
import { callApi, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type Application = ResponseOf<typeof listMyApplications>['applications'][number];
export type Answer = 'accept' | 'decline' | 'withdraw';

const applicationsKey = ['me', 'applications'] as const;

/** "Mes candidatures", the most recent first, page by page. */
export function useApplications() {
  return useInfiniteQuery({
    queryKey: applicationsKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      callApi(listMyApplications, { query: pageParam ? { cursor: pageParam } : {} }, { token: currentToken(), signal }),
    getNextPageParam: (last) => last.cursor,
  });
}

const routes = { accept: acceptOffer, decline: declineOffer, withdraw: withdrawMyApplication } as const;

/** Accept or decline the dwelling offered, or withdraw while the window is open; the list is read again after. */
export function useAnswer(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: Answer) => callApi(routes[answer], { params: { applicationId } }, { token: currentToken() }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}
