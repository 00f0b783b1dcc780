import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { jobRunsDeps } from './job-runs-deps.ts';
import { listJobRuns } from './job-runs.ts';

export const handler = httpHandler(routes.listJobRuns, () => listJobRuns(jobRunsDeps));
