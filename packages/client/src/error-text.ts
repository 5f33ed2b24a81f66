import { ApiError } from './api.ts';
import { detailsOf, retryAfterOf } from './error-details.ts';

/** What an app words errors with: its language's code translations and its own fallbacks. */
export interface ErrorWords {
  errors: Partial<Record<string, string>>;
  retryAfter(seconds: number): string;
  /** How a purchase or gift limit refusal says how much is used and when it resets (optional). */
  spendLimit?(details: { limit: number; used: number; resetsAt: string }): string;
  /** When a new account may buy (optional). */
  availableAt?(iso: string): string;
  /** What a viewer refused by followers-only chat can do, and from when (optional). */
  followersOnly?(details: { minFollowAgeMinutes: number; writableAt?: string }): string;
  networkError: string;
  /** For a failure that is not the server's answer at all (a bug, a thrown value). */
  unknownError: string;
}

type Refusal = { code: string; message: string; details?: unknown };

/**
 * A person-readable sentence for a refusal (a REST error or a negative socket ack): the app's
 * wording for the code, with the field issues of a validation failure or the wait of a rate limit
 * the server sent; the server's own message for a code the app does not word.
 */
export function refusalText(error: Refusal, w: ErrorWords): string {
  const text = w.errors[error.code] ?? error.message;
  const issues = detailsOf(error, 'VALIDATION_FAILED');
  if (issues?.length) {
    return `${text} ${issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}`;
  }
  const limit =
    detailsOf(error, 'PURCHASE_DAILY_LIMIT') ??
    detailsOf(error, 'PURCHASE_MONTHLY_LIMIT') ??
    detailsOf(error, 'GIFT_DAILY_LIMIT');
  if (limit && w.spendLimit) return `${text} ${w.spendLimit(limit)}`;
  const soon = detailsOf(error, 'PURCHASE_TOO_SOON');
  if (soon && w.availableAt) return `${text} ${w.availableAt(soon.availableAt)}`;
  const followers = detailsOf(error, 'FOLLOWERS_ONLY');
  if (followers && w.followersOnly) return `${text} ${w.followersOnly(followers)}`;
  const wait = retryAfterOf(error);
  return wait === undefined ? text : `${text} ${w.retryAfter(wait)}`;
}

/** The same for anything a call threw. */
export function errorText(err: unknown, w: ErrorWords): string {
  if (!(err instanceof ApiError)) return w.unknownError;
  if (err.code === 'NETWORK') return w.networkError;
  return refusalText(err, w);
}
