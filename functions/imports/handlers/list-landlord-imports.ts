import { listLandlordImports as route } from '../import-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { importRouteDeps } from '../import-route-deps.ts';
import { listImports } from '../import-use-cases.ts';

export const handler = httpHandler(route, ({ query, principal }) => listImports(importRouteDeps, query, principal));
