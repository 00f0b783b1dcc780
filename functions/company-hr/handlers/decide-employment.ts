import { decideEmployment as route } from '../hr-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyHrDeps } from '../hr-deps.ts';
import { decideEmployment } from '../hr-use-cases.ts';

export const handler = httpHandler(route, ({ params, body, principal }) => decideEmployment(companyHrDeps, params, body, principal));
