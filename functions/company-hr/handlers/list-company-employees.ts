import { listCompanyEmployees as route } from '../hr-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyHrDeps } from '../hr-deps.ts';
import { listCompanyEmployees } from '../hr-use-cases.ts';

export const handler = httpHandler(route, ({ params, query, principal }) =>
  listCompanyEmployees(companyHrDeps, params.siret, query, principal),
);
