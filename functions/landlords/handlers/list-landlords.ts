import { listLandlords as route } from '../landlord-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { landlordListDeps } from '../landlord-list-deps.ts';
import { listLandlords } from '../landlord-list.ts';

export const handler = httpHandler(route, ({ query }) => listLandlords(landlordListDeps, query));
