import { correctNudDate as route } from '../situation-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { nudCorrectionDeps } from '../situation-deps.ts';
import { correctNudDate } from '../nud-correction.ts';

export const handler = httpHandler(route, ({ params, body, principal }) =>
  correctNudDate(nudCorrectionDeps, params.employeeId, body, principal),
);
