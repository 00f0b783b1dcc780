import { listCompanies as route } from '../company-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from '../company-deps.ts';
import { listCompanies } from '../company-list.ts';

export const handler = httpHandler(route, ({ query }) => listCompanies(companyDeps, query));
