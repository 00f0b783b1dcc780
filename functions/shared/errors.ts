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

export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';
}

export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  readonly statusCode = 409;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request is well formed but breaks a business rule; fields say which input is concerned. */
export class UnprocessableError extends HttpError {
  override readonly name = 'UnprocessableError';
  readonly statusCode = 422;
  constructor(
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** What the request points at existed but is no longer usable (an expired link). */
export class GoneError extends HttpError {
  override readonly name = 'GoneError';
  readonly statusCode = 410;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
