import { routes } from '#definitions/routes.ts';
import { openApi as route } from '../platform-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { openApiDocument } from '../openapi-document.ts';

const document = openApiDocument(routes);

export const handler = httpHandler(route, async () => document);
