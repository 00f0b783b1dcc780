import { getCompanyEligibility as route } from '../company-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyDeps } from '../company-deps.ts';
import { checkEligibility } from '../company-use-cases.ts';

export const handler = httpHandler(route, ({ params }) => checkEligibility(companyDeps, params.siret));
