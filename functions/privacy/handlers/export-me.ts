import { exportMe as route } from '../privacy-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { personalDataExportDeps } from '../export-deps.ts';
import { exportPersonalData } from '../personal-data.ts';

export const handler = httpHandler(route, ({ principal }) => exportPersonalData(personalDataExportDeps, principal.userId));
