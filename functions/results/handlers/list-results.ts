import { listResults as route } from '../results-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { resultsDeps } from '../results-deps.ts';
import { listResults } from '../results-use-cases.ts';

export const handler = httpHandler(route, ({ query }) => listResults(resultsDeps, query));
