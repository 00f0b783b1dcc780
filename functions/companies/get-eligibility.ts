import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from './deps.ts';
import { checkEligibility } from './use-cases.ts';

export const handler = httpHandler(routes.getCompanyEligibility, ({ params }) =>
  checkEligibility(companyDeps, params.siret),
);
