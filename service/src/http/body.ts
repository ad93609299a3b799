import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Keeps the raw bytes (the signature covers them); JSON is parsed only after authentication. */
export function rawBody(limit = BODY_LIMIT_BYTES): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit });
  const keep: RequestHandler = (req, _res, next) => {
    // A route with a larger limit (mounted first) has already read the body.
    if (req.rawBody) return next();
    req.rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.body = undefined;
    next();
  };
  return [raw, keep];
}

/** Turns body-reading failures into the common error shape instead of Express's HTML page. */
export const bodyErrors: ErrorRequestHandler = (err: { type?: string }, _req, _res, next) => {
  if (err?.type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit ?? BODY_LIMIT_BYTES;
    next(new PayloadTooLargeError(`The request body is larger than ${limit} bytes.`, 'PAYLOAD_TOO_LARGE'));
    return;
  }
  if (err?.type === 'request.aborted' || err?.type === 'encoding.unsupported') {
    next(new BadRequestError('The request body could not be read.', 'UNREADABLE_BODY'));
    return;
  }
  next(err);
};

export const parseJsonBody: RequestHandler = (req, _res, next) => {
  if (req.rawBody.length === 0) {
    req.body = undefined;
    next();
    return;
  }
  const type = req.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    next(new UnsupportedMediaTypeError('Send the body as application/json.', 'UNSUPPORTED_MEDIA_TYPE'));
    return;
  }
  try {
    req.body = JSON.parse(req.rawBody.toString('utf8'));
    next();
  } catch {
    next(new BadRequestError('The request body is not valid JSON.', 'MALFORMED_JSON'));
  }
};
