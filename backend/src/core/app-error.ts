import type { ErrorCode, ErrorDetails, FieldIssue } from '@airwave/shared';
import type { z } from 'zod';
import { databaseUnavailable } from '../db/errors.ts';

const SERVER_FAULTS: ReadonlySet<ErrorCode> = new Set([
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'PAYMENTS_UNAVAILABLE',
]);

/** Code, message and the details that code carries in the contract (optional only where they may be absent). */
type AppErrorArgs = {
  [C in ErrorCode]: undefined extends ErrorDetails<C>
    ? [code: C, message: string, details?: ErrorDetails<C>]
    : [code: C, message: string, details: ErrorDetails<C>];
}[ErrorCode];

/**
 * An error a service raises on purpose: it carries a stable code, a message fit for people, and
 * the details the contract gives that code (`errorDetails`), checked when it is built. It knows
 * nothing of HTTP or Socket.IO; each transport maps the code (http/error-status.ts, the socket ack).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails<ErrorCode>;

  constructor(...[code, message, details]: AppErrorArgs) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** Narrows to one code, so its details are typed. */
  is<C extends ErrorCode>(
    code: C,
  ): this is AppError & { readonly code: C; readonly details: ErrorDetails<C> } {
    return this.code === code;
  }

  /** Our side failed (not the caller's request): worth reporting, and worth a retry by the caller. */
  get serverFault(): boolean {
    return SERVER_FAULTS.has(this.code);
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

/**
 * The generic refusal of the permission checks. A rule that must not say why it refused (a block,
 * which its target may never learn of) answers with exactly this, so it reads like any other.
 */
export const notPermitted = () => new AppError('FORBIDDEN', 'You do not have permission to do this.');
