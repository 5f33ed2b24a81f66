import { scrub, scrubReport } from '@airwave/shared';
import * as Sentry from '@sentry/node';
import type { Config } from '../config.ts';

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
    beforeSend: (event) => scrubReport(event),
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
