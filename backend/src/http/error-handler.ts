import type { ApiErrorResponse } from '@airwave/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './errors.ts';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

/** Body-parser errors carry a `type`; everything else that is not an AppError is our bug. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed')
    return new AppError('MALFORMED_REQUEST', 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if ((typeof type === 'string' && type.startsWith('charset')) || type === 'encoding.unsupported') {
    return new AppError('MALFORMED_REQUEST', 'The request body encoding is not supported.');
  }
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  let body: ApiErrorResponse;
  let status: number;
  if (appError) {
    status = appError.status;
    body = { error: { code: appError.code, message: appError.message, details: appError.details } };
    const retry = (appError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (appError.code === 'RATE_LIMITED' && retry) res.setHeader('Retry-After', String(retry));
  } else {
    status = 500;
    req.log.error({ err }, 'unhandled error');
    body = {
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side.',
        details: { requestId: String(req.id) },
      },
    };
  }
  if (res.headersSent) return;
  res.status(status).json(body);
};
