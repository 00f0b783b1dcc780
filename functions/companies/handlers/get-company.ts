import { getCompany as route } from '../company-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from '../company-deps.ts';
import { getCompany } from '../company-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => getCompany(companyDeps, params.siret, principal));
