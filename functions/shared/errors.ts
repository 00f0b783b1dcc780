/**
 * Typed errors. Each kind carries its HTTP status; the HTTP middleware exposes the message of
 * 4xx errors and turns anything else into a generic 500 without internals.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  /** Stable machine-readable code, e.g. `COMPANY_EXISTS`. */
  abstract readonly code: string;
}

export class ValidationError extends HttpError {
  override readonly name = 'ValidationError';
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly fields: readonly FieldError[]) {
    super('La requête contient des champs invalides.');
  }
}

/** The base of an error kind whose status and code never vary: `new NotFoundError(message)`. */
function fixedError<const Name extends string, const Status extends number, const Code extends string>(
  name: Name,
  statusCode: Status,
  code: Code,
) {
  return class extends HttpError {
    override readonly name = name;
    readonly statusCode = statusCode;
    readonly code = code;
  };
}

/** The base of an error kind whose code the thrower chooses: `new ConflictError('COMPANY_EXISTS', message)`. */
function codedError<const Name extends string, const Status extends number>(name: Name, statusCode: Status) {
  return class extends HttpError {
    override readonly name = name;
    readonly statusCode = statusCode;
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  };
}

export class UnauthorizedError extends fixedError('UnauthorizedError', 401, 'UNAUTHORIZED') {}

export class ForbiddenError extends fixedError('ForbiddenError', 403, 'FORBIDDEN') {}

export class NotFoundError extends fixedError('NotFoundError', 404, 'NOT_FOUND') {}

export class ConflictError extends codedError('ConflictError', 409) {}

/** The request is well formed but breaks a business rule; fields say which input is concerned. */
export class UnprocessableError extends codedError('UnprocessableError', 422) {
  constructor(
    code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(code, message);
  }
}

/** What the request points at existed but is no longer usable (an expired link). */
export class GoneError extends codedError('GoneError', 410) {}

/** The request body is over the cap every route shares (`maxRequestBodyBytes`). */
export class PayloadTooLargeError extends fixedError('PayloadTooLargeError', 413, 'PAYLOAD_TOO_LARGE') {}

/** A body sent as something other than JSON (form, XML, text): refused before it is read. */
export class UnsupportedMediaTypeError extends fixedError('UnsupportedMediaTypeError', 415, 'UNSUPPORTED_MEDIA_TYPE') {}

/** A declared limit of the route is reached: try again after `retryAfterSeconds` (the `Retry-After` header). */
export class TooManyRequestsError extends HttpError {
  override readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
