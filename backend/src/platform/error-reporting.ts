import * as Sentry from '@sentry/node';
import type { Config } from '../config.ts';

/** Keys whose values never leave the process, wherever they sit in an event (headers, extras, bodies). */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|session|e-?mail|api[-_]?key|signature/i;
/** Emails and bearer tokens inside free text: error messages, breadcrumbs, database errors' params. */
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
const BEARER = /\bbearer\s+[\w.~+/=-]+/gi;
const REDACTED = '[redacted]';

/** A deep copy of `value` with every secret-named key and every email or bearer token in text replaced. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(EMAIL, REDACTED).replace(BEARER, `Bearer ${REDACTED}`);
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? REDACTED : scrub(v, depth + 1);
  }
  return out;
}

/**
 * What reaches Sentry: no request body (chat text, passwords), no cookies, no user but its id, no
 * client address, and everything else scrubbed of secret-named keys, emails and bearer tokens.
 */
export function scrubEvent<E extends Sentry.ErrorEvent>(event: E): E {
  const { request, user, ...rest } = event;
  const cleaned = scrub(rest) as E;
  if (request) {
    const { data: _body, cookies: _cookies, ...kept } = request;
    cleaned.request = scrub(kept) as E['request'];
  }
  if (user?.id !== undefined) cleaned.user = { id: user.id };
  return cleaned;
}

export interface ErrorContext {
  requestId?: string;
  /** A socket event's id, name and connection. */
  eventId?: string;
  event?: string;
  socketId?: string;
  userId?: string;
}

let enabled = false;

/**
 * Starts the Sentry client when SENTRY_DSN is set; without it reporting is a no-op. Sentry's client
 * is process-wide, so this is one switch for the process, not per app instance.
 */
export function initErrorReporting(sentry: Config['sentry']): void {
  if (!sentry) return;
  Sentry.init({
    dsn: sentry.dsn,
    environment: sentry.environment,
    release: sentry.release,
    // Collect little in the first place (beforeSend scrubs what still gets through): no bodies,
    // cookies, query strings or user details, and only the request headers that help debugging.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpBodies: [],
      urlQueryParams: false,
      httpHeaders: { request: { allow: ['content-type', 'user-agent', 'x-request-id'] }, response: false },
    },
    // Errors only: no performance tracing, so no spans (and no URLs of every request) leave the box.
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => scrub(crumb) as Sentry.Breadcrumb,
  });
  enabled = true;
}

/** Sends an unexpected (5xx) error with the ids that find its log lines; 4xx answers never come here. */
export function reportError(err: unknown, context: ErrorContext): void {
  if (!enabled) return;
  const tags: Record<string, string> = {};
  if (context.requestId) tags.request_id = context.requestId;
  if (context.eventId) tags.socket_event_id = context.eventId;
  if (context.event) tags.socket_event = context.event;
  if (context.socketId) tags.socket_id = context.socketId;
  Sentry.captureException(err, { tags, user: context.userId ? { id: context.userId } : undefined });
}

/** Waits for queued events to be sent (shutdown), at most `timeoutMs`. */
export async function flushErrorReports(timeoutMs = 2000): Promise<void> {
  if (enabled) await Sentry.flush(timeoutMs);
}
