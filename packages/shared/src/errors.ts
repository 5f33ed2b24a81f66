import { z } from 'zod';

/**
 * The closed list of error codes every REST error body and negative socket ack carries.
 * Clients switch on these; the human message is for people and may change.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  'ACCOUNT_BANNED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'EMAIL_TAKEN',
  'NICKNAME_TAKEN',
  'WEAK_PASSWORD',
  'RATE_LIMITED',
  'INSUFFICIENT_FUNDS',
  'IDEMPOTENCY_CONFLICT',
  'STREAM_FULL',
  'STREAM_NOT_LIVE',
  'ALREADY_LIVE',
  'CHAT_BANNED',
  'CHAT_TIMED_OUT',
  'SLOW_MODE',
  'MESSAGE_BLOCKED',
  'PAYMENTS_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field issues for VALIDATION_FAILED; `retryAfterSeconds` for RATE_LIMITED; `requestId` for INTERNAL. */
  details: z.unknown().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Every non-2xx REST response has this body. */
export const ApiErrorResponse = z.object({ error: ApiErrorBody });
export type ApiErrorResponse = z.infer<typeof ApiErrorResponse>;
