import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { documentDeps } from './document-deps.ts';
import { requestDocumentUpload } from './document-use-cases.ts';

export const handler = httpHandler(routes.requestDocumentUpload, ({ body, principal }) =>
  requestDocumentUpload(documentDeps, principal.userId, body),
);
