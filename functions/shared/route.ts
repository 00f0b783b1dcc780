import type { z } from 'zod';
import type { Role } from './roles.ts';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** API Gateway throttling: steady requests per second and burst, for all callers together. */
export interface Throttle {
  readonly rate: number;
  readonly burst: number;
}

/**
 * An application-level limit: at most `max` requests per fixed window of `windowSeconds`, counted
 * per client address (`ip`) or per value of the parsed request (`body.email`, `params.siret`).
 * With `failuresOnly`, an answer in 2xx gives its attempt back: only failed attempts count (login).
 */
export interface RateLimit {
  readonly by: 'ip' | `body.${string}` | `params.${string}`;
  readonly max: number;
  readonly windowSeconds: number;
  readonly failuresOnly?: boolean;
}

/** Largest request body any route accepts (bytes); beyond it, 413 before parsing, locally too. */
export const maxRequestBodyBytes = 1024 * 1024;
export const payloadTooLargeMessage = 'Le corps de la requête dépasse la taille maximale de 1 Mo.';

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
  /** One line (it is also the Lambda function's description, at most 256 characters). */
  readonly summary: string;
  /** Longer OpenAPI text, when the summary cannot say it all (refusal codes, rules). */
  readonly description?: string;
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
  /** API Gateway throttling of this route; the stage default (`stageThrottle`) otherwise. */
  readonly throttle?: Throttle;
  /** Limits checked by the HTTP edge before the use case; beyond one, 429 with `Retry-After`. */
  readonly limits?: readonly RateLimit[];
  /**
   * Whose object the path ids name, when they name one of a tenant (`shared/authorization-rules.ts`
   * derives who may call from it and `access`): `company`, the company users of `{siret}`;
   * `landlord`, the landlord and commission users of the landlord the object belongs to;
   * `applicant`, the employee who applied. Absent: no such id (public objects, the caller's `/me`).
   */
  readonly owner?: 'company' | 'landlord' | 'applicant';
  /** Error statuses this route can answer, documented in OpenAPI. */
  readonly errors: readonly number[];
  /** What the route's function calls; its IAM policy is derived from this and nothing else. */
  readonly needs: FunctionNeeds;
}

/** DynamoDB item operations, named as IAM actions (`dynamodb:<operation>`); a transaction needs the operation of each item. */
type TableOperation =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'ConditionCheckItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

/** Cognito user-pool calls, named as IAM actions (`cognito-idp:<action>`). */
type CognitoAction =
  | 'AdminInitiateAuth'
  | 'AdminCreateUser'
  | 'AdminGetUser'
  | 'AdminListGroupsForUser'
  | 'AdminAddUserToGroup'
  | 'AdminSetUserPassword'
  | 'AdminDeleteUser';

/** Calls on the offer lifecycle state machine and its executions (`states:<action>`). */
type LifecycleAction = 'StartExecution' | 'SendTaskSuccess' | 'DescribeExecution' | 'StopExecution';

/**
 * What a function calls, declared beside its route or job, as plain data (the web app imports the
 * route declarations): `lib/access.ts` derives the function's IAM policy from it, action by action
 * and resource by resource. Bucket entries are key patterns of the uploads bucket (`documents/*`).
 */
export interface FunctionNeeds {
  /** Operations on the table's items (the table itself, not its indexes). */
  readonly table?: readonly TableOperation[];
  /** Indexes the function queries (Query only). */
  readonly indexes?: readonly ('GSI1' | 'GSI2' | 'GSI3')[];
  readonly bucket?: {
    /** GetObject (also what a presigned GET carries). */
    readonly read?: readonly string[];
    /** PutObject (also what a presigned PUT carries). */
    readonly put?: readonly string[];
    /** DeleteObject and DeleteObjectVersion. */
    readonly delete?: readonly string[];
    /** ListBucket, restricted to these `s3:prefix` values. */
    readonly list?: readonly string[];
  };
  readonly cognito?: readonly CognitoAction[];
  readonly lifecycle?: readonly LifecycleAction[];
  /** SES SendEmail, from the service address only. */
  readonly email?: true;
  /** The health check: DescribeTable, HeadBucket, DescribeUserPool and SES GetAccount, data-free. */
  readonly describeDependencies?: true;
}
