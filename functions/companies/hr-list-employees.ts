import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyHrDeps } from './hr-deps.ts';
import { listCompanyEmployees } from './hr-use-cases.ts';

export const handler = httpHandler(routes.listCompanyEmployees, ({ params, query, principal }) =>
  listCompanyEmployees(companyHrDeps, params.siret, query, principal),
);
