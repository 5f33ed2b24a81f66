/** The constraint a statement broke with a unique violation (SQLSTATE 23505), whichever driver raised it. */
export function uniqueViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  }
  return undefined;
}

/** Node socket errors that mean the database server cannot be reached (refused, reset, unroutable). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server going away or refusing work for now: connection exceptions (08), shutdown or
 * start-up (57P01-57P03), too many connections / out of resources (53), a cancelled statement
 * (57014: our statement_timeout fired, so the server is overloaded).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3]$|57014$)/;
/** node-postgres raises these without a code: a connection cut mid-query, or a pool/connect/read timeout. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error)/;

/**
 * Whether a failed statement failed because the database is unreachable or refusing work right now
 * (restart, failover, overload), rather than because of the statement: such a failure is answered
 * with SERVICE_UNAVAILABLE and goes away by itself once the server is back.
 */
export function databaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}
