import { health as route } from '../platform-routes.ts';
import { cognito, dynamodb, s3, ses } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { httpHandler } from '#shared/http.ts';
import { checkHealth, dependencyProbes } from '../check-health.ts';

const probes = dependencyProbes({ dynamodb, s3, cognito, ses }, config);

export const handler = httpHandler(route, () => checkHealth(probes));
