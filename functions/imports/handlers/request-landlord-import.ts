import { requestLandlordImport as route } from '../import-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { importRouteDeps } from '../import-route-deps.ts';
import { requestImport } from '../import-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => requestImport(importRouteDeps, body, principal));
