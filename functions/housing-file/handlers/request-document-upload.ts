import { requestDocumentUpload as route } from '../document-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { documentDeps } from '../document-deps.ts';
import { requestDocumentUpload } from '../document-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => requestDocumentUpload(documentDeps, principal.userId, body));
