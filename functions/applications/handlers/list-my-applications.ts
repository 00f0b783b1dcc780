import { listMyApplications as route } from '../application-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { applicationDeps } from '../application-deps.ts';
import { listMyApplications } from '../application-use-cases.ts';

export const handler = httpHandler(route, ({ query, principal }) => listMyApplications(applicationDeps, principal, query));
