import { databaseUnavailable } from '../db/errors.ts';
import type { Logger } from '../logger.ts';
import { redisUnavailable } from './redis.ts';

/** The innermost message of an error chain: "connect ECONNREFUSED 127.0.0.1:5432", not the failed SQL. */
export function rootMessage(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause !== undefined) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The error log of work that runs on timers (bean settling, viewer counts, leaderboards). A bug is
 * logged every time with its stack; a dependency that is down (PostgreSQL restarting, Redis gone) is
 * logged once as a warning and then at most every `quietMs` with the count left out, so an outage
 * does not bury the log under a stack trace every 250 ms on every node.
 */
export function backgroundErrorLog(logger: Logger, task: string, quietMs = 30_000) {
  let lastWarnedAt = 0;
  let unlogged = 0;
  return (err: unknown) => {
    const dependency = databaseUnavailable(err) ? 'database' : redisUnavailable(err) ? 'redis' : undefined;
    if (!dependency) {
      logger.error({ err }, `${task} failed`);
      return;
    }
    const now = Date.now();
    if (now - lastWarnedAt < quietMs) {
      unlogged++;
      return;
    }
    logger.warn(
      { dependency, reason: rootMessage(err), unloggedSinceLastWarning: unlogged },
      `${task} failed: the ${dependency} is not reachable; retrying (logged at most every ${quietMs / 1000} s)`,
    );
    lastWarnedAt = now;
    unlogged = 0;
  };
}
