import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { JwtVerifier } from 'aws-jwt-verify';
import { stageThrottle } from '#definitions/routes.ts';
import { originSecretHeader, viewerAddressHeader } from '#shared/client-address.ts';
import { maxRequestBodyBytes, payloadTooLargeMessage, type RouteDefinition, type Throttle } from '#shared/route.ts';
import { assertPortFree } from './process.ts';
import type { RunningService } from './service.ts';
import { type WebSite, webFile } from './web-files.ts';

export interface GatewayRoute extends RouteDefinition {
  readonly id: string;
}

/** A compiled route: its path as a regular expression with named parameters. */
interface CompiledRoute {
  readonly route: GatewayRoute;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
}

export interface LocalEndpoint {
  readonly method: string;
  readonly path: string;
  handle(request: { body: string; url: URL }): Promise<{ status: number; contentType: string; body: string }>;
}

export interface GatewayOptions {
  readonly port: number;
  readonly host?: string;
  readonly routes: readonly GatewayRoute[];
  /** Calls the route's Lambda handler with an API Gateway v2 event. */
  readonly invoke: (route: GatewayRoute, event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<unknown>;
  /** JWT authorizer settings, as configured on the HTTP API. */
  readonly authorizer: { readonly issuer: string; readonly audience: string; readonly jwksUri: string };
  /** Local-only endpoints (documentation page, run a job now); never deployed. */
  readonly localEndpoints?: readonly LocalEndpoint[];
  /** Throttling of the routes without their own `throttle`, as the stage's default route settings; `stageThrottle` unless told. */
  readonly stageThrottle?: Throttle;
  /** Milliseconds since the epoch, for the throttling buckets; `Date.now` unless told. */
  readonly clock?: () => number;
  /** The built web app, served on the API's origin for the GETs no API route takes (local/web-files.ts). */
  readonly web?: WebSite;
  /**
   * The secret the functions know as the distribution's (`ORIGIN_SECRET`): the gateway then adds it
   * and the client's address to each request as CloudFront does, in place of the client's own.
   */
  readonly originSecret?: string;
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
  'access-control-allow-headers': 'authorization,content-type',
  'access-control-max-age': '600',
};

export function compileRoutes(routes: readonly GatewayRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const paramNames: string[] = [];
    const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
      paramNames.push(name);
      return '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}$`), paramNames };
  });
}

/**
 * HTTP API claims are strings: arrays become `[a b]`, numbers and booleans their text.
 * Handlers parse that form, so the local gateway produces it too.
 */
function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}

/** Payload 2.0 joins repeated query parameters with commas. */
function queryParameters(search: URLSearchParams): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const name of new Set(search.keys())) joined[name] = search.getAll(name).join(',');
  return joined;
}

function send(response: http.ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer) {
  response.writeHead(status, { ...corsHeaders, ...headers });
  response.end(body);
}

const jsonMessage = (response: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  send(response, status, { 'content-type': 'application/json', ...headers }, JSON.stringify({ message }));

/** The body, or `undefined` when it is over `limit` bytes (the rest is read and dropped, so that the answer can be sent). */
async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

/**
 * API Gateway's throttling: a token bucket per route, holding up to `burst` requests and refilled
 * at `rate` per second. Answers whether a request may pass now (and takes its token).
 */
export function tokenBuckets(clock: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key: string, throttle: Throttle): boolean => {
    const now = clock();
    const bucket = buckets.get(key) ?? { tokens: throttle.burst, at: now };
    bucket.tokens = Math.min(throttle.burst, bucket.tokens + ((now - bucket.at) / 1000) * throttle.rate);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}

const isTextual = (contentType: string | undefined) =>
  !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml))/.test(contentType);

/**
 * As the HTTP API JWT authorizer checks the audience: `aud` must name the app client or, in a
 * token without `aud` (a Cognito access token), `client_id` must. Telling ID tokens from access
 * tokens is left to the handlers, as on AWS, where the authorizer cannot (docs/decisions.md).
 */
function audienceMatches(payload: Record<string, unknown>, audience: string): boolean {
  const claimed = payload.aud !== undefined ? payload.aud : payload.client_id;
  return Array.isArray(claimed) ? claimed.includes(audience) : claimed === audience;
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);

/** Verified tokens kept at most; past that the cache starts over (a client keeps its token for an hour). */
const maxVerifiedTokens = 10_000;

/**
 * The signature check of a token, done once per token: a token is immutable, so its verified
 * payload is kept and reused until its `exp` (checked again on each use, against the same
 * clock as the library's). The RSA check was about 0.2 ms of each authenticated request.
 */
function verifiedTokens(verify: (token: string) => Record<string, unknown>) {
  const verified = new Map<string, { payload: Record<string, unknown>; expiresAtMs: number }>();
  return (token: string): Record<string, unknown> => {
    const known = verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.payload;
    verified.delete(token);
    const payload = verify(token);
    if (typeof payload.exp === 'number') {
      if (verified.size >= maxVerifiedTokens) verified.clear();
      verified.set(token, { payload, expiresAtMs: payload.exp * 1000 });
    }
    return payload;
  };
}

/**
 * The local API Gateway: routes from the route table, API Gateway v2 (payload 2.0) events,
 * JWT checks as the HTTP API authorizer does them, 404 for an unknown path or method, CORS.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  await assertPortFree(options.port, 'API gateway', options.host);
  const compiled = compileRoutes(options.routes);
  const takeToken = tokenBuckets(options.clock ?? Date.now);
  // The audience is checked apart (`audienceMatches`): the library knows only `aud`.
  const verifier = JwtVerifier.create({ issuer: options.authorizer.issuer, audience: null, jwksUri: options.authorizer.jwksUri });
  // aws-jwt-verify fetches keys over HTTPS only; the local identity provider serves HTTP.
  const jwks = await fetch(options.authorizer.jwksUri).then((res) => res.json());
  verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
  const verifyToken = verifiedTokens((token) => verifier.verifySync(token) as Record<string, unknown>);

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`[gateway] ${request.method} ${request.url?.split('?')[0]} failed: ${errorName(error)}`);
      if (!response.headersSent) jsonMessage(response, 500, 'Internal Server Error');
      else response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    // The Host header is the client's to send: never let a malformed one break URL parsing.
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    const body = await readBody(request, maxRequestBodyBytes);
    // The cap the functions' HTTP edge applies (functions/shared/http.ts), with the same answer, before any invocation.
    if (!body) {
      const refusal = { error: { code: 'PAYLOAD_TOO_LARGE', message: payloadTooLargeMessage } };
      return send(response, 413, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(refusal));
    }

    const local = options.localEndpoints?.find((endpoint) => endpoint.method === method && endpoint.path === url.pathname);
    if (local) {
      const result = await local.handle({ body: body.toString('utf8'), url });
      return send(response, result.status, { 'content-type': result.contentType }, result.body);
    }

    const onPath = compiled.filter((candidate) => candidate.pattern.test(url.pathname));
    if (method === 'OPTIONS' && onPath.length > 0) return send(response, 204, {}, '');
    const match = onPath.find((candidate) => candidate.route.method === method);
    if (!match && onPath.length === 0 && options.web && (method === 'GET' || method === 'HEAD')) {
      const file = await webFile(options.web, url.pathname, request.headers.accept);
      if (file) {
        response.writeHead(file.status, file.headers);
        return response.end(method === 'HEAD' ? undefined : file.body);
      }
    }
    // An HTTP API has no 405: a method without a route on a known path is a missing route too.
    if (!match) return jsonMessage(response, 404, 'Not Found');
    if (!takeToken(match.route.id, match.route.throttle ?? options.stageThrottle ?? stageThrottle)) {
      return jsonMessage(response, 429, 'Too Many Requests');
    }

    let claims: Record<string, string> | undefined;
    if (match.route.access !== 'public') {
      const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return jsonMessage(response, 401, 'Unauthorized');
      let payload: Record<string, unknown>;
      try {
        // Keys are cached at start-up, so the synchronous check needs no network.
        payload = verifyToken(token);
      } catch (error) {
        const description = `Bearer error="invalid_token" error_description="${errorName(error)}"`;
        return jsonMessage(response, 401, 'Unauthorized', { 'www-authenticate': description });
      }
      if (!audienceMatches(payload, options.authorizer.audience)) {
        return jsonMessage(response, 401, 'Unauthorized', {
          'www-authenticate': 'Bearer error="invalid_token" error_description="the token does not have a valid audience"',
        });
      }
      claims = flattenClaims(payload);
    }

    const values = match.pattern.exec(url.pathname)?.slice(1);
    if (!values) throw new Error(`The pattern of ${match.route.path} matched ${url.pathname}, then did not.`);
    let pathParameters: Record<string, string>;
    try {
      pathParameters = Object.fromEntries(
        match.paramNames.map((name, i) => {
          const value = values[i];
          if (value === undefined) throw new Error(`The pattern of ${match.route.path} has no group for {${name}}.`);
          return [name, decodeURIComponent(value)];
        }),
      );
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      return jsonMessage(response, 400, 'Bad Request');
    }
    // Payload 2.0: the Cookie header arrives as the `cookies` array, not among the headers.
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name !== 'cookie')
        .map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
    );
    const sourceIp = request.socket.remoteAddress ?? '127.0.0.1';
    if (options.originSecret) {
      // As the distribution in front of the API: its own values overwrite whatever the client sent.
      headers[viewerAddressHeader] = `${sourceIp}:${request.socket.remotePort ?? 0}`;
      headers[originSecretHeader] = options.originSecret;
    }
    const cookies = request.headers.cookie
      ?.split(';')
      .map((cookie) => cookie.trim())
      .filter(Boolean);
    const textual = isTextual(request.headers['content-type']);
    const now = new Date();
    const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
      version: '2.0',
      routeKey: `${match.route.method} ${match.route.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(cookies?.length && { cookies }),
      queryStringParameters: url.search ? queryParameters(url.searchParams) : undefined,
      pathParameters: match.paramNames.length ? pathParameters : undefined,
      body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
      isBase64Encoded: body.length > 0 && !textual,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: request.headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp,
          userAgent: request.headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: `${match.route.method} ${match.route.path}`,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        authorizer: claims ? { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } : (undefined as never),
      },
    };

    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = (await options.invoke(match.route, event)) as APIGatewayProxyStructuredResultV2;
    } catch (error) {
      // API Gateway answers this when the function itself fails (init error, timeout); Lambda logs the error.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[gateway] ${match.route.method} ${match.route.path}: the function failed: ${errorName(error)}: ${message}`);
      return jsonMessage(response, 500, 'Internal Server Error');
    }
    const resultHeaders: Record<string, string | string[]> = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]),
    );
    // Payload 2.0: the result's `cookies` become one Set-Cookie header each.
    if (result.cookies?.length) resultHeaders['set-cookie'] = result.cookies;
    const payload = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    send(response, result.statusCode ?? 200, resultHeaders, payload);
  }

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  server.keepAliveTimeout = 5_000;
  let stopped: Promise<void> | undefined;
  return {
    name: 'API gateway',
    url: `http://localhost:${options.port}`,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
