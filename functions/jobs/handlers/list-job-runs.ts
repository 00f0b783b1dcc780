import { listJobRuns as route } from '../job-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { jobRunsDeps } from '../job-runs-deps.ts';
import { listJobRuns } from '../job-runs.ts';

export const handler = httpHandler(route, () => listJobRuns(jobRunsDeps));
