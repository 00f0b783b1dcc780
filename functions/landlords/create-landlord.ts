import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { landlordDeps } from './landlord-deps.ts';
import { createLandlord } from './landlord-use-cases.ts';

export const handler = httpHandler(routes.createLandlord, ({ body, principal }) => createLandlord(landlordDeps, body, principal));
