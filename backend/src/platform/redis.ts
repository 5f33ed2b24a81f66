import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.ts';

/**
 * The node's Redis connections. While Redis is away each part wants a different failure mode:
 * - `limits` fails a command at once (no offline queue, a short command timeout), so the limiter's
 *   in-memory insurance answers instead of every request and socket event waiting for Redis;
 * - `adapter` publishes for the Socket.IO adapter and fails at once too: the adapter delivers a
 *   broadcast to this node's own sockets only after its XADD settles, so a waiting publish would
 *   delay even same-node chat by seconds;
 * - the adapter's stream readers and subscriber (its `duplicate()`s) queue through a few reconnect
 *   attempts instead: the reader re-issues its blocking XREAD the moment one fails, and failing at
 *   once would spin it.
 * All reconnect forever, at most 2 s apart, and re-subscribe by themselves once Redis is back.
 */
export interface RedisConnections {
  limits: Redis;
  adapter: Redis;
  quit(): Promise<void>;
}

const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2000);

/**
 * The adapter sends some commands without awaiting them (the PUBLISH of a fetchSockets or
 * serverSideEmit request, the SET of a disconnected socket's session). While Redis is down those
 * reject with nobody listening, and an unhandled rejection ends a Node process: every command
 * promise here gets a handler (a caller that awaits it still sees the rejection).
 */
class AdapterRedis extends Redis {
  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    args[0].promise.catch(() => undefined);
    return super.sendCommand(...args);
  }

  override duplicate(override?: Partial<RedisOptions>): Redis {
    return new AdapterRedis({
      ...this.options,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 3,
      ...override,
    });
  }
}

export function connectRedis(url: string, keyPrefix: string, logger: Logger): RedisConnections {
  // The prefix lets several deployments (or test runs) share one Redis without touching each other's keys.
  const failFast: RedisOptions = {
    keyPrefix,
    retryStrategy,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  };
  const limits = watched(new Redis(url, { ...failFast, commandTimeout: 1000 }), 'rate limits', logger);
  const adapter = watched(new AdapterRedis(url, failFast), 'socket adapter', logger);
  return {
    limits,
    adapter,
    async quit() {
      await Promise.all([limits.quit(), adapter.quit()]).catch(() => undefined);
    },
  };
}

/**
 * One warning when a connection is lost and one line when it is back, instead of ioredis printing
 * "Unhandled error event" with a stack on every reconnect attempt for as long as Redis is down.
 */
function watched(client: Redis, role: string, logger: Logger): Redis {
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ role, reason: err.message }, `Redis connection for ${role} lost; reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ role }, `Redis connection for ${role} is back`);
  });
  return client;
}

/** Whether a failed command failed because Redis is unreachable (ioredis names these errors so). */
export function redisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  // "timeout reached": an adapter request (fetchSockets) no other node answered, Redis being away.
  return /^(Connection is closed|Stream isn't writeable|Command timed out|timeout reached)/.test(err.message);
}
