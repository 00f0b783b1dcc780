import type { z } from 'zod';
import type { Role } from './roles.ts';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route: the API Gateway route, its Lambda function, who may call it and the shape of
 * what goes in and out. The CDK stack, the local gateway, the handlers and the OpenAPI document
 * all read the same object.
 */
export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path, with `{name}` parameters. */
  readonly path: string;
  /** Lambda entry relative to `functions/`; it exports `handler`. */
  readonly handler: string;
  /** `public` routes have no authorizer; others need a JWT whose groups meet one role. */
  readonly access: 'public' | readonly Role[];
  readonly summary: string;
  readonly tag: string;
  readonly request: {
    readonly params?: z.ZodObject;
    readonly query?: z.ZodObject;
    readonly body?: z.ZodType;
  };
  readonly response: {
    readonly status: number;
    readonly description: string;
    readonly body: z.ZodType;
  };
  /** Error statuses this route can answer, documented in OpenAPI. */
  readonly errors: readonly number[];
}
