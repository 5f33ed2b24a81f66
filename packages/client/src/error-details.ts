import { type ErrorCode, type ErrorDetails, errorDetailsOf } from '@airwave/shared';
import { ApiError } from './api.ts';

/**
 * The details of a failure with `code`, checked against the contract: from a failed REST call (an
 * ApiError) or a negative ack's `error`. Undefined for another code, another kind of failure, or
 * details of a shape the contract does not give that code.
 */
export function detailsOf<C extends ErrorCode>(failure: unknown, code: C): ErrorDetails<C> | undefined {
  if (failure instanceof ApiError) return errorDetailsOf(failure, code);
  const error = failure as { code?: unknown; details?: unknown } | null | undefined;
  if (typeof error !== 'object' || error === null || typeof error.code !== 'string') return undefined;
  return errorDetailsOf({ code: error.code, details: error.details }, code);
}

/** The codes whose details say how long to wait before the same request may succeed. */
const WAIT_CODES = ['RATE_LIMITED', 'SLOW_MODE', 'CHAT_TIMED_OUT', 'SERVICE_UNAVAILABLE'] as const;

/** How many seconds a refusal asks the client to wait (rate limits, slow mode, a timeout, an outage). */
export function retryAfterOf(failure: unknown): number | undefined {
  for (const code of WAIT_CODES) {
    const details = detailsOf(failure, code);
    if (details) return details.retryAfterSeconds;
  }
  return undefined;
}
