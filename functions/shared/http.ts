import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import './zod-locale.ts';
import { maxRequestBodyBytes, payloadTooLargeMessage, type RouteDefinition } from './route.ts';
import { principalFrom, requireRole, type Principal } from './auth.ts';
import { clientAddress, originSecretVariable } from './client-address.ts';
import { dynamodb } from './clients.ts';
import { config } from './config.ts';
import {
  HttpError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldError,
} from './errors.ts';
import { logger, metrics, publishMetrics } from './powertools.ts';
import { isOverLimit, limitSubject, retryAfterSeconds, tooManyRequestsMessage, windowAt, type LimitedRequest } from './rate-limit-rules.ts';
import { dynamoRateLimiter, rateLimitPepper, type LimitCounter, type RateLimiter } from './rate-limit-store.ts';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HttpInput<R extends RouteDefinition> {
  readonly params: Infer<R['request']['params']>;
  readonly query: Infer<R['request']['query']>;
  readonly body: Infer<R['request']['body']>;
  readonly principal: R['access'] extends 'public' ? Principal | undefined : Principal;
  /** The request's cookies, `name=value` each (API Gateway's `cookies`). */
  readonly cookies: readonly string[];
  /** Adds a `Set-Cookie` value to the success response (API Gateway's `cookies`). */
  readonly setCookie: (cookie: string) => void;
}

type Handler = middy.MiddyfiedHandler<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>;

/** What the edge itself needs: the counters of the route's `limits`, and the clock of their windows. */
export interface HttpEdgeDeps {
  readonly limiter: RateLimiter;
  readonly now: () => Date;
  /** The secret the distribution sends (`client-address.ts`); without it, the connection's address counts. */
  readonly originSecret?: string;
}

const defaultEdge = (): HttpEdgeDeps => ({
  limiter: dynamoRateLimiter({ dynamodb, tableName: config.tableName, pepper: rateLimitPepper(config.userPoolId) }),
  now: () => new Date(),
  originSecret: process.env[originSecretVariable],
});

/**
 * Builds the Lambda handler of a route: refuses a body over 1 MB (413), checks the caller's role,
 * parses path, query and body with the route's schemas (400 with one message per field), counts
 * the attempt against the route's `limits` (429 with `Retry-After`), runs the use case and
 * answers with the route's success status. Errors are mapped by `httpErrors`.
 */
export function httpHandler<R extends RouteDefinition>(
  route: R,
  run: (input: HttpInput<R>) => Promise<z.input<R['response']['body']>>,
  edge: HttpEdgeDeps = defaultEdge(),
): Handler {
  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics())
    .use(httpErrors())
    .handler(async (event) => {
      refuseLargeBody(event);
      const principal = principalFrom(event);
      if (route.access !== 'public') requireRole(principal, route.access);
      const setCookies: string[] = [];
      const input = {
        params: parsePart('path', route.request.params, event.pathParameters ?? {}),
        query: parsePart('query', route.request.query, event.queryStringParameters ?? {}),
        body: parsePart('body', route.request.body, readJsonBody(event, route.request.body !== undefined)),
        principal,
        cookies: event.cookies ?? [],
        setCookie: (cookie: string) => setCookies.push(cookie),
      } as HttpInput<R>;
      const counted = await countAttempt(route, edge, { sourceIp: clientAddress(event, edge.originSecret), ...input });
      const result = await run(input);
      const response = json(route.response.status, route.response.body.parse(result));
      if (setCookies.length > 0) response.cookies = setCookies;
      // A success gives back its attempt to the limits on failures only (a right password).
      await Promise.all(counted.filter((counter) => counter.limit.failuresOnly).map((counter) => edge.limiter.giveBack(counter)));
      return response;
    });
}

function refuseLargeBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): void {
  if (!event.body) return;
  const bytes = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes > maxRequestBodyBytes) throw new PayloadTooLargeError(payloadTooLargeMessage);
}

/**
 * Counts this request in each window of the route's limits, all of them (an address over its
 * limit still counts against the e-mail it tried), then refuses it if one is over.
 */
async function countAttempt(route: RouteDefinition, edge: HttpEdgeDeps, request: LimitedRequest): Promise<LimitCounter[]> {
  if (!route.limits?.length) return [];
  const now = edge.now();
  const scope = `${route.method} ${route.path}`;
  const counters = route.limits.flatMap((limit): LimitCounter[] => {
    const subject = limitSubject(limit, request);
    return subject === undefined ? [] : [{ scope, limit, subject, window: windowAt(now, limit.windowSeconds) }];
  });
  const counts = await Promise.all(counters.map((counter) => edge.limiter.count(counter)));
  const over = counters.filter((counter, i) => isOverLimit(counter.limit, counts[i] ?? 0));
  if (over.length === 0) return counters;
  // Which limit, never whose: the subject is personal data.
  logger.warn('Rate limit reached', { route: scope, limits: over.map((counter) => counter.limit.by) });
  metrics.addMetric('RateLimited', 'Count', 1);
  const retryAfter = Math.max(...over.map((counter) => retryAfterSeconds(now, counter.window)));
  throw new TooManyRequestsError(tooManyRequestsMessage(retryAfter), retryAfter);
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

/** `application/json`, or a `+json` type; with parameters such as `charset`. */
const jsonMediaType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

function readJsonBody(event: APIGatewayProxyEventV2WithJWTAuthorizer, expected: boolean): unknown {
  if (!expected) return undefined;
  // A client that names no type is read as JSON; one that names another type meant another format.
  const contentType = event.headers?.['content-type'];
  if (contentType !== undefined && !jsonMediaType.test(contentType)) {
    throw new UnsupportedMediaTypeError('Le corps de la requête doit être du JSON (en-tête Content-Type: application/json).');
  }
  if (!event.body) throw new ValidationError([{ field: 'body', message: 'Corps de requête JSON attendu.' }]);
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ValidationError([{ field: 'body', message: 'Le corps de la requête n’est pas un JSON valide.' }]);
  }
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
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
        const headers: Record<string, string> =
          error instanceof TooManyRequestsError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
        request.response = json(error.statusCode, { error: { code: error.code, message: error.message, ...fields } }, headers);
        return;
      }
      logger.error('Unhandled error', { errorName: error?.name ?? 'unknown' });
      metrics.addMetric('UnhandledError', 'Count', 1);
      request.response = json(500, { error: { code: 'INTERNAL', message: 'Erreur interne. Réessayez plus tard.' } });
    },
  };
}
