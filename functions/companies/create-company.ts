import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from './deps.ts';
import { declareCompany } from './use-cases.ts';

export const handler = httpHandler(routes.createCompany, ({ body, principal }) =>
  declareCompany(companyDeps, body, principal),
);
