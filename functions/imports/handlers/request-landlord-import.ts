import { requestLandlordImport as route } from '../import-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { importDeps } from '../import-deps.ts';
import { requestImport } from '../import-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => requestImport(importDeps, body, principal));
