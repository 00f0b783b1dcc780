import { createLandlord as route } from '../landlord-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { landlordDeps } from '../landlord-deps.ts';
import { createLandlord } from '../landlord-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => createLandlord(landlordDeps, body, principal));
