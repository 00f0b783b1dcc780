import { useInfiniteQuery } from '@tanstack/react-query';
import { listResults } from '#results/results-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type PublishedResult = ResponseOf<typeof listResults>['results'][number];
type Filter = Omit<RequestOf<typeof listResults>['query'], 'cursor' | 'limit'>;

/** Published results of a department's attributed offers, page by page; nothing asked before a department is given. */
export function useResults(filter: Filter | undefined) {
  return useInfiniteQuery({
    queryKey: ['results', filter],
    enabled: filter !== undefined,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      callApi(
        listResults,
        { query: { ...(filter as Filter), ...(pageParam ? { cursor: pageParam } : {}) } },
        { token: currentToken(), signal },
      ),
    getNextPageParam: (last) => last.cursor,
  });
}
