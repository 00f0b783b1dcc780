import { createCompany as route } from '../company-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from '../company-deps.ts';
import { declareCompany } from '../company-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => declareCompany(companyDeps, body, principal));
