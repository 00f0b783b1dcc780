import { getCompanyHistory as route } from '../company-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from '../company-deps.ts';
import { companyHistory } from '../company-updates.ts';

export const handler = httpHandler(route, ({ params, principal }) => companyHistory(companyDeps, params.siret, principal));
