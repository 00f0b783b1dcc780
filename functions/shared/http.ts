import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type { RouteDefinition } from './route.ts';
import { principalFrom, requireRole, type Principal } from './auth.ts';
import { HttpError, UnprocessableError, ValidationError, type FieldError } from './errors.ts';
import { logger, metrics, publishMetrics, tracer } from './powertools.ts';

z.config(z.locales.fr());

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HttpInput<R extends RouteDefinition> {
  readonly params: Infer<R['request']['params']>;
  readonly query: Infer<R['request']['query']>;
  readonly body: Infer<R['request']['body']>;
  readonly principal: R['access'] extends 'public' ? Principal | undefined : Principal;
}

type Handler = middy.MiddyfiedHandler<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>;

/**
 * Builds the Lambda handler of a route: checks the caller's role, parses path, query and body
 * with the route's schemas (400 with one message per field), runs the use case and answers
 * with the route's success status. Errors are mapped by `httpErrors`.
 */
export function httpHandler<R extends RouteDefinition>(
  route: R,
  run: (input: HttpInput<R>) => Promise<z.input<R['response']['body']>>,
): Handler {
  return (
    middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>()
      .use(injectLambdaContext(logger, { resetKeys: true }))
      // Responses carry tokens and personal data: never copy them into traces.
      .use(captureLambdaHandler(tracer, { captureResponse: false }))
      .use(publishMetrics())
      .use(httpErrors())
      .handler(async (event) => {
        const principal = principalFrom(event);
        if (route.access !== 'public') requireRole(principal, route.access);
        const input = {
          params: parsePart('path', route.request.params, event.pathParameters ?? {}),
          query: parsePart('query', route.request.query, event.queryStringParameters ?? {}),
          body: parsePart('body', route.request.body, readJsonBody(event, route.request.body !== undefined)),
          principal,
        } as HttpInput<R>;
        const result = await run(input);
        return json(route.response.status, route.response.body.parse(result));
      })
  );
}

function parsePart(location: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues.map((issue) => toFieldError(location, issue)));
}

function toFieldError(location: string, issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.map(String).join('.');
  return { field: path ? `${location}.${path}` : location, message: issue.message };
}

function readJsonBody(event: APIGatewayProxyEventV2WithJWTAuthorizer, expected: boolean): unknown {
  if (!expected) return undefined;
  if (!event.body) throw new ValidationError([{ field: 'body', message: 'Corps de requête JSON attendu.' }]);
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ValidationError([{ field: 'body', message: 'Le corps de la requête n’est pas un JSON valide.' }]);
  }
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

/**
 * Maps errors to responses: typed 4xx errors expose their code and message (and field
 * messages), anything else is logged by name only and answered as a generic 500.
 */
function httpErrors(): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof HttpError && error.statusCode < 500) {
        const fields =
          error instanceof ValidationError || (error instanceof UnprocessableError && error.fields.length > 0)
            ? { fields: error.fields }
            : {};
        request.response = json(error.statusCode, { error: { code: error.code, message: error.message, ...fields } });
        return;
      }
      logger.error('Unhandled error', { errorName: error?.name ?? 'unknown' });
      metrics.addMetric('UnhandledError', 'Count', 1);
      request.response = json(500, { error: { code: 'INTERNAL', message: 'Erreur interne. Réessayez plus tard.' } });
    },
  };
}
