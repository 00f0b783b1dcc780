import { searchCommunes as route } from '../commune-routes.ts';
import { findCommunes } from '../commune-search.ts';
import { httpHandler } from '#shared/http.ts';

export const handler = httpHandler(route, ({ query }) => findCommunes(query.q));
