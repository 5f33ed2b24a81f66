import { apiRoutes, scrub, scrubReport } from '@airwave/shared';
import { callRoute } from './api.ts';

let started: Promise<boolean> | undefined;

/**
 * Starts browser error reporting when the server says so: `GET /api/client-config` carries the DSN,
 * environment and release (set on the server, so one build serves every deployment). The SDK is
 * loaded only then, and every event is scrubbed like the server's (no bodies, cookies, emails,
 * tokens). Runs once per page however often it is called; a failure leaves reporting off.
 */
export function startErrorReporting(app: 'web' | 'admin'): Promise<boolean> {
  started ??= (async () => {
    try {
      const { sentry } = await callRoute(apiRoutes.clientConfig);
      if (!sentry) return false;
      const Sentry = await import('@sentry/browser');
      Sentry.init({
        dsn: sentry.dsn,
        environment: sentry.environment,
        release: sentry.release,
        initialScope: { tags: { app } },
        dataCollection: { userInfo: false, cookies: false, httpBodies: [], urlQueryParams: false },
        beforeSend: (event) => scrubReport(event),
        beforeBreadcrumb: (crumb) => scrub(crumb) as typeof crumb,
      });
      return true;
    } catch {
      return false;
    }
  })();
  return started;
}
