import { exportMe as route } from '../privacy-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { personalDataDeps } from '../privacy-deps.ts';
import { exportPersonalData } from '../personal-data.ts';

export const handler = httpHandler(route, ({ principal }) => exportPersonalData(personalDataDeps, principal.userId));
