import type { ErrorCode, FieldIssue } from '@airwave/shared';
import type { z } from 'zod';
import { databaseUnavailable } from '../db/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  ACCOUNT_BANNED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  NICKNAME_TAKEN: 409,
  WEAK_PASSWORD: 400,
  RATE_LIMITED: 429,
  INSUFFICIENT_FUNDS: 402,
  IDEMPOTENCY_CONFLICT: 409,
  STREAM_FULL: 409,
  STREAM_NOT_LIVE: 409,
  ALREADY_LIVE: 409,
  CHAT_BANNED: 403,
  CHAT_TIMED_OUT: 403,
  SLOW_MODE: 429,
  MESSAGE_BLOCKED: 422,
  PAYMENTS_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** An error a service raises on purpose: it carries a stable code and a message fit for people. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** How long a client should wait before retrying while the database is away (a restart takes seconds). */
const DATABASE_RETRY_SECONDS = 5;

/**
 * The AppError a failure stands for: itself, or SERVICE_UNAVAILABLE when the database is unreachable
 * (restart, failover), which is not our bug and passes by itself. Undefined for anything else.
 */
export function asAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (databaseUnavailable(err)) {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      'The database is not reachable right now. Try again shortly.',
      {
        retryAfterSeconds: DATABASE_RETRY_SECONDS,
      },
    );
  }
  return undefined;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Parses untrusted input against a contract schema, or throws VALIDATION_FAILED naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const first = issues[0];
  const summary = first ? `${first.path || what} ${first.message}` : 'is invalid';
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${summary}`, issues);
}
