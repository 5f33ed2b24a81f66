import type { ApiErrorResponse } from '@airwave/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, asAppError } from '../core/app-error.ts';
import { reportError } from '../platform/error-reporting.ts';
import { httpStatus } from './error-status.ts';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

/**
 * Errors Express and body-parser raise about the request itself carry a 4xx `status` (http-errors);
 * body-parser also names most with a `type`. A zlib/brotli failure on a body that is not compressed
 * as its Content-Encoding says, or a path with broken percent-encoding, comes with a status and no
 * type. Everything else that is not an AppError is our bug.
 */
const RequestError = z.object({ status: z.number().int().min(400).max(499), type: z.string().optional() });

function toAppError(err: unknown): AppError | undefined {
  const known = asAppError(err);
  if (known) return known;
  const request = RequestError.safeParse(err);
  if (!request.success) return undefined;
  const { status, type } = request.data;
  if (err instanceof URIError)
    return new AppError('MALFORMED_REQUEST', 'The URL has broken percent-encoding.');
  if (type === 'entity.parse.failed')
    return new AppError('MALFORMED_REQUEST', 'The request body is not valid JSON.');
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (status === 415 || type?.startsWith('charset') || type === 'encoding.unsupported') {
    return new AppError('MALFORMED_REQUEST', 'The request body encoding is not supported.');
  }
  return new AppError(
    'MALFORMED_REQUEST',
    'The request body could not be read as its Content-Encoding says.',
  );
}

/** The wait a refusal names, for the `Retry-After` header. */
function retryAfterSeconds(error: AppError): number | undefined {
  if (error.is('RATE_LIMITED') || error.is('SLOW_MODE') || error.is('CHAT_TIMED_OUT')) {
    return error.details.retryAfterSeconds;
  }
  return error.is('SERVICE_UNAVAILABLE') ? error.details?.retryAfterSeconds : undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  let body: ApiErrorResponse;
  let status: number;
  if (appError) {
    status = httpStatus(appError.code);
    body = { error: { code: appError.code, message: appError.message, details: appError.details } };
    const retry = retryAfterSeconds(appError);
    if ((status === 429 || status === 503) && retry) res.setHeader('Retry-After', String(retry));
    // A 5xx we raise on purpose (a provider or the database away) is still ours to hear about; 4xx never.
    if (status >= 500) reportError(err, { requestId: String(req.id), userId: req.principal?.userId });
  } else {
    status = 500;
    req.log.error({ err }, 'unhandled error');
    reportError(err, { requestId: String(req.id), userId: req.principal?.userId });
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
