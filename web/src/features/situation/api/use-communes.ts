import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { searchCommunes } from '#housing-file/commune-routes.ts';
import { communeQueryBounds } from '#housing-file/commune-schemas.ts';
import { callApi, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type CommuneMatch = ResponseOf<typeof searchCommunes>['communes'][number];

/**
 * The communes a typed text designates (`GET /communes`), asked once the text is long enough.
 * The commune list changes once a year: an answer stays good for the session, and the previous
 * one stays shown while the next arrives.
 */
export function useCommuneSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['communes', q.toLowerCase()],
    queryFn: ({ signal }) => callApi(searchCommunes, { query: { q } }, { token: currentToken(), signal }),
    enabled: q.length >= communeQueryBounds.min && q.length <= communeQueryBounds.max,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}
