import type { z } from 'zod';
import type { RouteDefinition } from '#shared/route.ts';
// The browser checks with the API's locale: the same French messages (functions/shared/zod-locale.ts).
import '#shared/zod-locale.ts';

/** A field's message, as the API's 400 and 422 answers carry them: `body.email`, `params.siret`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An answer other than the route's success, or a request the route's schemas refuse before it is sent. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

const invalidRequestMessage = 'La requête contient des champs invalides.';
const networkMessage = 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.';

/** The same field names as the API's (`functions/shared/http.ts`): location, then the issue's path. */
function fieldErrors(location: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: path ? `${location}.${path}` : location, message: issue.message };
  });
}

type Part<R extends RouteDefinition, K extends keyof RouteDefinition['request']> = R['request'][K] extends z.ZodType
  ? z.input<R['request'][K]>
  : undefined;

/** What a call of route `R` sends: its path parameters, query and body, typed from its schemas. */
export type RequestOf<R extends RouteDefinition> = {
  [K in 'params' | 'query' | 'body' as R['request'][K] extends z.ZodType ? K : never]: Part<R, K>;
};

/** What route `R` answers on success. */
export type ResponseOf<R extends RouteDefinition> = z.output<R['response']['body']>;

/** Checks one part of a request with the route's own schema; throws the API's 400 when it fails. */
function check(location: string, schema: z.ZodType | undefined, value: unknown): void {
  if (!schema) return;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', invalidRequestMessage, fieldErrors(location, parsed.error));
}

function pathOf(route: RouteDefinition, params: Record<string, unknown> | undefined): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

export interface CallOptions {
  /** The bearer token of a signed-in user; none for public routes. */
  readonly token?: string;
  readonly signal?: AbortSignal;
}

/**
 * Calls one API route, declared once in `functions/<area>/<area>-routes.ts`: the request is
 * checked with the route's zod schemas first (so a field message is the API's own), sent to the
 * same origin, and the answer read back. Anything but the route's success status is an `ApiError`.
 */
export async function callApi<R extends RouteDefinition>(
  route: R,
  request: RequestOf<R>,
  options: CallOptions = {},
): Promise<ResponseOf<R>> {
  const parts = request as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  check('params', route.request.params, parts.params ?? {});
  check('query', route.request.query, parts.query ?? {});
  check('body', route.request.body, parts.body);

  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (parts.body !== undefined) headers['content-type'] = 'application/json';
  const query = parts.query ? `?${new URLSearchParams(Object.entries(parts.query).map(([k, v]) => [k, String(v)]))}` : '';
  let response: Response;
  try {
    response = await fetch(`${pathOf(route, parts.params)}${query}`, {
      method: route.method,
      headers,
      body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', networkMessage);
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined; // not JSON: the status tells
  }
  if (response.status === route.response.status) return payload as ResponseOf<R>;
  throw toApiError(response.status, payload);
}

const statusMessages: Record<number, string> = {
  401: 'Votre session a expiré. Reconnectez-vous.',
  403: 'Vous n’avez pas accès à cette page.',
  404: 'Introuvable.',
  429: 'Trop de tentatives. Réessayez dans quelques minutes.',
};

function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
  const message =
    typeof error?.message === 'string' ? error.message : (statusMessages[status] ?? 'Erreur inattendue. Réessayez plus tard.');
  const fields = Array.isArray(error?.fields)
    ? error.fields.filter(
        (field): field is FieldError =>
          typeof (field as FieldError)?.field === 'string' && typeof (field as FieldError)?.message === 'string',
      )
    : [];
  return new ApiError(status, typeof error?.code === 'string' ? error.code : `HTTP_${status}`, message, fields);
}
