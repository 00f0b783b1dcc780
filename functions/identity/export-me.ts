import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { personalDataDeps } from './deps.ts';
import { exportPersonalData } from './personal-data.ts';

export const handler = httpHandler(routes.exportMe, ({ principal }) => exportPersonalData(personalDataDeps, principal.userId));
