import { getLandlordImport as route } from '../import-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { importRouteDeps } from '../import-route-deps.ts';
import { getImport } from '../import-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => getImport(importRouteDeps, params.importId, principal));
