import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { personalDataDeps } from './deps.ts';
import { erasePersonalData } from './personal-data.ts';

export const handler = httpHandler(routes.eraseMe, ({ principal }) => 
  erasePersonalData(personalDataDeps, { employeeId: principal.userId, email: principal.email }),
);
