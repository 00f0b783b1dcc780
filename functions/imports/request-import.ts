import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { importDeps } from './import-deps.ts';
import { requestImport } from './import-use-cases.ts';

export const handler = httpHandler(routes.requestLandlordImport, ({ body, principal }) => requestImport(importDeps, body, principal));
