import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getSituation, putSituation, renewNud } from '#housing-file/situation-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type Situation = ResponseOf<typeof getSituation>;

const situationKey = ['me', 'situation'] as const;

/** "Ma situation" and what follows from it today (category, retained income, what is missing). */
export function useSituation() {
  return useQuery({ queryKey: situationKey, queryFn: () => callApi(getSituation, {}, { token: currentToken() }) });
}

/** "J’ai renouvelé ma demande": the NUD's validity starts again today. */
export function useRenewNud() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApi(renewNud, { body: {} }, { token: currentToken() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: situationKey }),
  });
}

/** Saves the whole situation (`PUT`): the answer is the new view, kept as the query's data. */
export function usePutSituation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<typeof putSituation>['body']) => callApi(putSituation, { body }, { token: currentToken() }),
    onSuccess: (view) => queryClient.setQueryData(situationKey, view),
  });
}
