import { recommendEmployee as route } from '../hr-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { companyHrDeps } from '../hr-deps.ts';
import { recommendEmployee } from '../hr-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => recommendEmployee(companyHrDeps, params, principal));
