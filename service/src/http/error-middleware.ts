import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailableError } from '../db/database';
import { AppError, InternalServerError, NotFoundError, ServiceUnavailableError } from '../errors';

export const routeNotFound: RequestHandler = (req) => {
  throw new NotFoundError(`No route for ${req.method} ${req.path}.`, 'ROUTE_NOT_FOUND');
};

export function databaseUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The Cuadra database cannot be reached right now. Nothing was changed; try again in a moment.',
    'DATABASE_UNAVAILABLE',
  );
}

/** The one place errors become responses: known errors keep their status, others are a 500 without internals. */
export const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  let error: AppError;
  if (err instanceof AppError) {
    error = err;
  } else if (isDatabaseUnavailableError(err)) {
    error = databaseUnavailable();
    req.log?.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'database unavailable');
  } else {
    error = new InternalServerError('An unexpected error occurred. It has been logged with this request id.', 'UNEXPECTED_ERROR');
    req.log?.error({ err }, 'unexpected error');
  }
  if (error.status >= 400 && error.status < 500 && error.status !== 404) {
    req.log?.info({ code: error.code, status: error.status }, 'request rejected');
  }
  if (error.status === 503) res.setHeader('Retry-After', '5');
  res.status(error.status).json({
    errors: error.details().map((detail) => ({
      message: detail.message,
      type: error.type,
      code: detail.code,
      property: detail.property ?? null,
      id: req.id,
    })),
  });
};
