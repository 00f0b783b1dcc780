import { requestDocumentUpload as route } from '../document-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { documentUploadDeps } from '../document-upload-deps.ts';
import { requestDocumentUpload } from '../document-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => requestDocumentUpload(documentUploadDeps, principal.userId, body));
