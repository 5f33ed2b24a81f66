import { Redis } from 'ioredis';

/** One shared connection for commands (rate limits, counters). Pub/sub users make their own. */
export function connectRedis(url: string, keyPrefix: string): Redis {
  // The prefix lets several deployments (or test runs) share one Redis without touching each other's keys.
  return new Redis(url, { keyPrefix, maxRetriesPerRequest: 3, enableOfflineQueue: true });
}
