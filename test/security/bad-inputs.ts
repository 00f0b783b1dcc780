import fc from 'fast-check';
import type { z } from 'zod';
import { compileRoutes, type GatewayRoute } from '#local/gateway.ts';
import { maxRequestBodyBytes } from '#shared/route.ts';

/** One generated request, invalid by construction for its route (`isRefused`). */
export interface BadRequest {
  readonly kind: string;
  readonly method: string;
  /** Path and query, encoded as sent. */
  readonly url: string;
  readonly contentType?: string;
  readonly body?: string;
}

const deep = (levels: number, open: string, close: string, core = '1') => `${open.repeat(levels)}${core}${close.repeat(levels)}`;
const deepArray = (levels: number): unknown => (levels === 0 ? 1 : [deepArray(levels - 1)]);

const oddStrings = [
  '',
  ' ',
  'a'.repeat(10_000),
  '😀'.repeat(3_000),
  '\u202Eevil\u202C',
  'a\u200Bb\u200Dc\uFEFF',
  '\ud800',
  'x\udfffy',
  '𝕏𝔶𝓏 ﷽ 𒐫',
  '\u0000\u0001\u001f',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '$' + '{jndi:ldap://x}',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '123456789012345678901234567890',
  'true',
  'null',
  '[]',
  '{}',
];

/** Any JSON-able value of the wrong shape: odd strings, huge numbers, nesting. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...oddStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(1e308, -1e308, -0, 0, -1, Number.MAX_SAFE_INTEGER + 2, 0.1, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 4 }),
  fc.constant(deepArray(500)),
);

/** Odd strings for path and query values. */
const junkText: fc.Arbitrary<string> = fc.oneof(
  // Within the 16 KB request line and headers of the HTTP server (API Gateway: 10 KB).
  fc.constantFrom(...oddStrings.map((text) => (text.startsWith('😀') ? '😀'.repeat(300) : text))),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('0', '-1', '101', '1.5', '1e3', ' 20 ', '0x10', 'requested ', 'REQUESTED', '%', '%E0%A4%A', '..', '.', 'a/b', 'a?b#c'),
);

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The schema under optional, nullable, default and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  return inner ? unwrap(inner) : schema;
}

/** Objects over the schema's fields, each absent or of any value, with unknown fields beside. */
function objectFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(unwrap(schema));
  if (def.type === 'object' && def.shape && depth < 3) {
    const fields = Object.fromEntries(Object.entries(def.shape).map(([name, field]) => [name, valueFor(field, depth + 1)]));
    return fc
      .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), junk, { maxKeys: 2 }))
      .map(([known, extra]) => ({ ...extra, ...known }));
  }
  if (def.type === 'array' && def.element && depth < 3) return fc.array(valueFor(def.element, depth + 1), { maxLength: 4 });
  return junk;
}

const valueFor = (schema: z.ZodType, depth: number): fc.Arbitrary<unknown> => fc.oneof(junk, objectFor(schema, depth));

const invalidJsonTexts = [
  '{',
  '{"a":',
  '[1,]',
  '{a:1}',
  "{'a':1}",
  'NaN',
  'undefined',
  '{"a":1}}',
  '\uFEFF{}',
  '{"a":"\\x"}',
  '{"a":1e999999}garbage',
  deep(500, '[', ']').slice(0, -1),
];

const wrongContentTypes = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
];

interface Part {
  readonly path: string;
  readonly query?: string;
  readonly contentType?: string;
  readonly body?: string;
  readonly kind: string;
}

/** A value each path parameter's schema accepts, so that the other parts get checked. */
function plausibleParams(route: GatewayRoute): Record<string, string> {
  const shape = route.request.params?.shape ?? {};
  const candidates = ['73282932000074', '00000000-0000-4000-8000-000000000000', 'abc-123'];
  return Object.fromEntries(
    Object.keys(shape).map((name) => {
      const fits = candidates.find((value) => route.request.params?.safeParse({ [name]: value }).success);
      return [name, fits ?? 'x'];
    }),
  );
}

/** Percent-encodes as a client does, lone surrogates sent as U+FFFD. */
const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const fillPath = (route: GatewayRoute, params: Record<string, string>, encoded = true) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => (encoded ? encode(params[name] ?? '') : (params[name] ?? '')));

/** The arbitrary of a route's bad requests, by the parts it has. */
function partsFor(route: GatewayRoute): fc.Arbitrary<Part> {
  const plausible = plausibleParams(route);
  const pathOf = fc.constant(fillPath(route, plausible));
  const kinds: fc.Arbitrary<Part>[] = [
    // Paths no route of this method serves: 404 at the gateway.
    fc
      .tuple(junkText, fc.constantFrom('/', '/../', '/./', '//', '/%2e%2e/'))
      .map(([segment, join]) => ({ kind: 'path', path: `${fillPath(route, plausible)}${join}${encode(segment)}` })),
  ];
  const paramNames = Object.keys(route.request.params?.shape ?? {});
  if (paramNames.length) {
    const params = fc.record(Object.fromEntries(paramNames.map((name) => [name, junkText])));
    kinds.push(params.map((values) => ({ kind: 'params', path: fillPath(route, values) })));
    kinds.push(params.map((values) => ({ kind: 'raw params', path: fillPath(route, values, false) })));
  }
  const queryNames = Object.keys(route.request.query?.shape ?? {});
  if (queryNames.length) {
    const known = fc.record(Object.fromEntries(queryNames.map((name) => [name, junkText])), { requiredKeys: [] });
    const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), junkText, { maxKeys: 2 });
    kinds.push(
      fc.tuple(pathOf, known, extra, fc.boolean()).map(([path, values, more, repeat]) => {
        const given = Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined);
        const search = new URLSearchParams({ ...more, ...Object.fromEntries(given) });
        if (repeat) for (const [name, value] of given) search.append(name, value);
        return { kind: 'query', path, query: search.toString() };
      }),
    );
  }
  if (route.request.body) {
    const schema = route.request.body;
    const json = (value: unknown) => JSON.stringify(value) ?? 'undefined';
    kinds.push(
      fc
        .tuple(pathOf, objectFor(schema))
        .map(([path, value]) => ({ kind: 'body fields', path, contentType: 'application/json', body: json(value) })),
      fc
        .tuple(pathOf, junk)
        .map(([path, value]) => ({ kind: 'body not an object', path, contentType: 'application/json', body: json(value) })),
      fc
        .tuple(pathOf, fc.oneof(fc.constantFrom(...invalidJsonTexts), fc.string({ maxLength: 30 })))
        .map(([path, body]) => ({ kind: 'invalid JSON', path, contentType: 'application/json', body })),
      fc.constant({ kind: 'empty body', path: fillPath(route, plausible), contentType: 'application/json', body: '' }),
      fc
        .tuple(
          pathOf,
          fc.constantFrom(
            deep(500, '[', ']'),
            deep(500, '{"a":', '}'),
            `{"${Object.keys(defOf(schema).shape ?? { a: 1 })[0]}":${deep(500, '[', ']')}}`,
          ),
        )
        .map(([path, body]) => ({ kind: 'deep nesting', path, contentType: 'application/json', body })),
      fc
        .tuple(pathOf, fc.constantFrom('1e999', '-1e999', '-0', '123456789012345678901234567890123456789', '{"a":1e999}'))
        .map(([path, body]) => ({ kind: 'huge numbers', path, contentType: 'application/json', body })),
      fc
        .tuple(pathOf, fc.constantFrom(...wrongContentTypes), fc.oneof(objectFor(schema).map(json), fc.constant('a=1&b=%E9')))
        .map(([path, contentType, body]) => ({ kind: 'wrong content type', path, contentType, body })),
    );
  }
  return fc.oneof(...kinds);
}

/** As the local gateway reads the query string (repeated names joined with commas). */
function queryParameters(search: URLSearchParams): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const name of new Set(search.keys())) joined[name] = search.getAll(name).join(',');
  return joined;
}

/**
 * Whether the gateway and the route's HTTP edge refuse the request before any use case: no route
 * of this method on the path, a body over 1 MB, an undecodable path or one of the route's schemas
 * failing. `other` when the path lands on another route (such a case is dropped).
 */
export function isRefused(route: GatewayRoute, routes: readonly GatewayRoute[], request: BadRequest): boolean | 'other' {
  const url = new URL(request.url, 'http://localhost');
  if (request.body !== undefined && Buffer.byteLength(request.body) > maxRequestBodyBytes) return true;
  const match = compileRoutes(routes).find(
    (candidate) => candidate.route.method === request.method && candidate.pattern.test(url.pathname),
  );
  if (!match) return true;
  if (match.route.id !== route.id) return 'other';
  const values = match.pattern.exec(url.pathname)?.slice(1) ?? [];
  let params: Record<string, string>;
  try {
    params = Object.fromEntries(match.paramNames.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
  } catch {
    return true;
  }
  if (route.request.params && !route.request.params.safeParse(params).success) return true;
  const query = url.search ? queryParameters(url.searchParams) : {};
  if (route.request.query && !route.request.query.safeParse(query).success) return true;
  if (!route.request.body) return false;
  // What the function reads: the text as sent in UTF-8 (lone surrogates become U+FFFD on the wire).
  const text = Buffer.from(request.body ?? '', 'utf8').toString('utf8');
  if (!text) return true;
  try {
    return !route.request.body.safeParse(JSON.parse(text)).success;
  } catch {
    return true;
  }
}

/**
 * At least `count` distinct bad requests for `route`, from `seed` (reproducible), each refused by
 * construction, plus two bodies over 1 MB on a route that reads a body.
 */
export function badRequests(route: GatewayRoute, routes: readonly GatewayRoute[], seed: number, count: number): BadRequest[] {
  const arbitrary = partsFor(route).map(
    (part): BadRequest => ({
      kind: part.kind,
      method: route.method,
      url: part.query ? `${part.path}?${part.query}` : part.path,
      ...(part.contentType !== undefined ? { contentType: part.contentType } : {}),
      ...(part.body !== undefined ? { body: part.body } : {}),
    }),
  );
  const chosen = new Map<string, BadRequest>();
  for (let round = 0; chosen.size < count && round < 20; round++) {
    for (const request of fc.sample(arbitrary, { seed: seed + round, numRuns: count * 2 })) {
      if (chosen.size >= count) break;
      const key = `${request.url}\n${request.contentType}\n${request.body}`;
      if (!chosen.has(key) && isRefused(route, routes, request) === true) chosen.set(key, request);
    }
  }
  const cases = [...chosen.values()];
  if (route.request.body) {
    const huge = `{"a":"${'a'.repeat(maxRequestBodyBytes)}"}`;
    const path = fillPath(route, plausibleParams(route));
    cases.push({ kind: 'over 1 MB', method: route.method, url: path, contentType: 'application/json', body: huge });
    cases.push({ kind: 'over 1 MB', method: route.method, url: path, contentType: 'text/plain', body: `${huge} ` });
  }
  return cases;
}
