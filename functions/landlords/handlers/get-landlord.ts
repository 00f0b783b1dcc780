import { getLandlord as route } from '../landlord-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { landlordListDeps } from '../landlord-list-deps.ts';
import { getLandlord } from '../landlord-list.ts';

export const handler = httpHandler(route, ({ params }) => getLandlord(landlordListDeps, params.landlordId));
