import { eraseMe as route } from '../privacy-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { personalDataDeps } from '../privacy-deps.ts';
import { erasePersonalData } from '../personal-data.ts';

export const handler = httpHandler(route, ({ principal }) =>
  erasePersonalData(personalDataDeps, { employeeId: principal.userId, email: principal.email }),
);
