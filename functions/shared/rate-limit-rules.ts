import type { RateLimit } from './route.ts';

/**
 * Rules of the application-level limits (fixed windows): which window a moment falls in, what a
 * limit counts by, when to try again and what to say. Pure: the counters live in
 * `rate-limit-store.ts`, the HTTP edge (`http.ts`) applies the limits a route declares.
 */

/** A fixed window, in epoch seconds: `start` included, `end` excluded. */
export interface LimitWindow {
  readonly start: number;
  readonly end: number;
}

/** Windows are aligned on multiples of their length since the epoch, so every function agrees on them. */
export function windowAt(now: Date, windowSeconds: number): LimitWindow {
  const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  return { start, end: start + windowSeconds };
}

/** Whole seconds until the window ends (at least 1): the `Retry-After` header. */
export function retryAfterSeconds(now: Date, window: LimitWindow): number {
  return Math.max(1, Math.ceil(window.end - now.getTime() / 1000));
}

/** What a request is counted by, once parsed. */
export interface LimitedRequest {
  readonly sourceIp: string;
  readonly body: unknown;
  readonly params: unknown;
}

/**
 * The value a limit counts by: the client address, or a field of the parsed body or path. A
 * request without that field (or with a non-text one) is not counted by that limit.
 */
export function limitSubject(limit: RateLimit, request: LimitedRequest): string | undefined {
  if (limit.by === 'ip') return request.sourceIp || undefined;
  const [part, field] = limit.by.split('.', 2) as ['body' | 'params', string];
  const source = request[part];
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A limit is reached when this attempt's count goes over its maximum. */
export const isOverLimit = (limit: RateLimit, count: number) => count > limit.max;

export function tooManyRequestsMessage(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}
