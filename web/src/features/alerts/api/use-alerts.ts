import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getAlerts, putAlerts } from '#alerts/alert-routes.ts';
import { callApi, type RequestOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

const alertsKey = ['me', 'alerts'] as const;

/** The employee's new-offer alerts. */
export function useAlerts() {
  return useQuery({ queryKey: alertsKey, queryFn: ({ signal }) => callApi(getAlerts, {}, { token: currentToken(), signal }) });
}

/** Saves them; the answer is the new settings. */
export function usePutAlerts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<typeof putAlerts>['body']) => callApi(putAlerts, { body }, { token: currentToken() }),
    onSuccess: (view) => queryClient.setQueryData(alertsKey, view),
  });
}
