import { listLandlordImports as route } from '../import-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { importDeps } from '../import-deps.ts';
import { listImports } from '../import-use-cases.ts';

export const handler = httpHandler(route, ({ query, principal }) => listImports(importDeps, query, principal));
