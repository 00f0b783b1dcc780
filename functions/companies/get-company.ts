import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from './deps.ts';
import { getCompany } from './use-cases.ts';

export const handler = httpHandler(routes.getCompany, ({ params, principal }) =>
  getCompany(companyDeps, params.siret, principal),
);
