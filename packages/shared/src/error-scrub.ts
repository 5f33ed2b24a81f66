import { z } from 'zod';

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

interface ReportShape {
  request?: { data?: unknown; cookies?: unknown };
  user?: { id?: string | number };
}

/**
 * What reaches an error tracker (Sentry, from the server or a browser): no request body (chat text,
 * passwords), no cookies, no user but its id, no client address, and everything else scrubbed of
 * secret-named keys, emails and bearer tokens.
 */
export function scrubReport<E extends ReportShape>(event: E): E {
  const { request, user, ...rest } = event;
  const cleaned = scrub(rest) as E;
  if (request) {
    const { data: _body, cookies: _cookies, ...kept } = request;
    cleaned.request = scrub(kept) as E['request'];
  }
  if (user?.id !== undefined) cleaned.user = { id: user.id };
  return cleaned;
}

/** `GET /api/client-config`: what the browser apps need at run time (one build serves every deployment). */
export const ClientConfig = z.object({
  /** Browser error reporting, or null when the server has no SENTRY_DSN. */
  sentry: z.object({ dsn: z.url(), environment: z.string(), release: z.string() }).nullable(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;
