import { listDocuments as route } from '../document-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { documentDeps } from '../document-deps.ts';
import { listDocuments } from '../document-use-cases.ts';

export const handler = httpHandler(route, ({ principal }) => listDocuments(documentDeps, principal.userId));
