import { z } from 'zod';
import { WeakPasswordDetails } from './auth.ts';

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
  'ACCOUNT_TOO_NEW',
  'FOLLOWERS_ONLY',
  'SLOW_MODE',
  'MESSAGE_BLOCKED',
  'PAYMENTS_UNAVAILABLE',
  'PAYOUTS_NOT_ENABLED',
  'PURCHASE_DAILY_LIMIT',
  'PURCHASE_MONTHLY_LIMIT',
  'PURCHASE_TOO_SOON',
  'GIFT_DAILY_LIMIT',
  'RECONCILIATION_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/**
 * A spending limit that refused an amount, all in coins: the cap, what the period has used so far,
 * what was asked for and when the period starts over (UTC midnight / the 1st of the month, UTC).
 */
export const SpendLimitDetails = z.object({
  limit: z.number().int().nonnegative(),
  used: z.number().int().nonnegative(),
  requested: z.number().int().nonnegative(),
  resetsAt: z.iso.datetime(),
});
export type SpendLimitDetails = z.infer<typeof SpendLimitDetails>;

/** When the same request may succeed again (seconds); REST sends it as `Retry-After` too. */
const RetryAfter = z.object({ retryAfterSeconds: z.number().int().positive() });

/**
 * The `details` each error code carries, and codes that carry none (`null`). The server is typed
 * against this map (AppError) and clients read details through it, so neither guesses a shape.
 */
export const errorDetails = {
  /**
   * One issue per field that failed; `path` is dot-joined (`""` for the whole payload). Absent when
   * the input was refused as a whole (a thumbnail that is not an image, SDP the media server cannot use).
   */
  VALIDATION_FAILED: z.array(FieldIssue).optional(),
  MALFORMED_REQUEST: null,
  PAYLOAD_TOO_LARGE: null,
  UNAUTHENTICATED: null,
  INVALID_CREDENTIALS: null,
  TOKEN_EXPIRED: null,
  /** Present for a suspension (not for a ban): when it ends. */
  ACCOUNT_BANNED: z.object({ suspendedUntil: z.iso.datetime() }).optional(),
  /** Present when a named rule refused it (`four-eyes`: another admin must decide). */
  FORBIDDEN: z.object({ rule: z.literal('four-eyes') }).optional(),
  NOT_FOUND: null,
  CONFLICT: null,
  EMAIL_TAKEN: null,
  NICKNAME_TAKEN: null,
  WEAK_PASSWORD: WeakPasswordDetails,
  RATE_LIMITED: RetryAfter,
  /** Which balance was short. */
  INSUFFICIENT_FUNDS: z.object({ account: z.enum(['coins', 'beans']) }),
  IDEMPOTENCY_CONFLICT: null,
  /** The peer-to-peer audience cap the stream reached. */
  STREAM_FULL: z.object({ maxViewers: z.number().int().positive() }),
  STREAM_NOT_LIVE: null,
  ALREADY_LIVE: null,
  CHAT_BANNED: null,
  /** When the timeout ends (ISO time, absent if it has no end) and the seconds left. */
  CHAT_TIMED_OUT: RetryAfter.extend({ until: z.iso.datetime().optional() }),
  SLOW_MODE: RetryAfter,
  /** The channel's minimum account age (minutes) and when this account reaches it. */
  ACCOUNT_TOO_NEW: z.object({
    minAccountAgeMinutes: z.number().int().positive(),
    writableAt: z.iso.datetime(),
  }),
  /**
   * The channel's minimum follow age (minutes); `writableAt` (when this follower reaches it) is
   * absent for a viewer who does not follow the channel.
   */
  FOLLOWERS_ONLY: z.object({
    minFollowAgeMinutes: z.number().int().nonnegative(),
    writableAt: z.iso.datetime().optional(),
  }),
  MESSAGE_BLOCKED: null,
  PAYMENTS_UNAVAILABLE: null,
  /** The streamer's payout account is not connected or Stripe has not enabled its payouts yet. */
  PAYOUTS_NOT_ENABLED: z.object({
    accountStatus: z.enum(['not_connected', 'onboarding']),
    currentlyDue: z.array(z.string()),
  }),
  /** Coins bought today (UTC) would pass PURCHASE_DAILY_LIMIT_COINS. */
  PURCHASE_DAILY_LIMIT: SpendLimitDetails,
  /** Coins bought this calendar month (UTC) would pass PURCHASE_MONTHLY_LIMIT_COINS. */
  PURCHASE_MONTHLY_LIMIT: SpendLimitDetails,
  /** A new account may buy from `availableAt` on (NEW_ACCOUNT_PURCHASE_DELAY_HOURS). */
  PURCHASE_TOO_SOON: z.object({ availableAt: z.iso.datetime() }),
  /** Coins spent on gifts today (UTC) would pass the account's daily cap (the platform's or the user's own). */
  GIFT_DAILY_LIMIT: SpendLimitDetails,
  /** This server takes no payments through Stripe (the dev provider), so there is nothing to reconcile with. */
  RECONCILIATION_UNAVAILABLE: null,
  /** Absent when nobody knows how long the outage lasts. */
  SERVICE_UNAVAILABLE: RetryAfter.optional(),
  /** REST only: the request id to quote when reporting it (also the `X-Request-Id` header). */
  INTERNAL: z.object({ requestId: z.string() }).optional(),
} as const satisfies Record<ErrorCode, z.ZodType | null>;

type DetailsOf<S> = S extends z.ZodType ? z.output<S> : undefined;
/** The `details` of an error with code `C` (`undefined` for a code without details). */
export type ErrorDetails<C extends ErrorCode> = C extends ErrorCode
  ? DetailsOf<(typeof errorDetails)[C]>
  : never;

/**
 * An error's details when it has `code`, checked against the contract; undefined for another code
 * or details of the wrong shape (an older or newer server), so a client never trusts a guess.
 */
export function errorDetailsOf<C extends ErrorCode>(
  error: { code: string; details?: unknown },
  code: C,
): ErrorDetails<C> | undefined {
  const schema: z.ZodType | null = errorDetails[code];
  if (error.code !== code || !schema) return undefined;
  const parsed = schema.safeParse(error.details);
  return parsed.success ? (parsed.data as ErrorDetails<C>) : undefined;
}

export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Shaped by `code`: see {@link errorDetails}. */
  details: z.unknown().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Every non-2xx REST response has this body. */
export const ApiErrorResponse = z.object({ error: ApiErrorBody });
export type ApiErrorResponse = z.infer<typeof ApiErrorResponse>;
