// One error hierarchy for the whole service; the error middleware turns each into the one JSON shape.

export interface ErrorDetail {
  message: string;
  code: string;
  property?: string | null;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  readonly code: string;
  readonly property: string | null;

  constructor(message: string, code: string, property: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.property = property;
  }

  /** Most errors are one entry; validation errors carry one per field. */
  details(): ErrorDetail[] {
    return [{ message: this.message, code: this.code, property: this.property }];
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly type = 'BadRequestError';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly type = 'UnauthorizedError';
}

export class NoPermissionError extends AppError {
  readonly status = 403;
  readonly type = 'NoPermissionError';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly type = 'NotFoundError';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly type = 'ConflictError';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly type = 'PayloadTooLargeError';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly type = 'UnsupportedMediaTypeError';
}

export class ValidationError extends AppError {
  readonly status = 422;
  readonly type = 'ValidationError';
  readonly fields: ErrorDetail[];

  constructor(fields: ErrorDetail[]) {
    super(fields[0]?.message ?? 'Validation failed.', fields[0]?.code ?? 'VALIDATION_FAILED', fields[0]?.property ?? null);
    this.fields = fields;
  }

  override details(): ErrorDetail[] {
    return this.fields;
  }
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly type = 'ServiceUnavailableError';
}

export class InternalServerError extends AppError {
  readonly status = 500;
  readonly type = 'InternalServerError';
}
