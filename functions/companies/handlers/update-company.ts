import { updateCompany as route } from '../company-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from '../company-deps.ts';
import { updateCompany } from '../company-updates.ts';

export const handler = httpHandler(route, ({ params, body, principal }) => updateCompany(companyDeps, params.siret, body, principal));
