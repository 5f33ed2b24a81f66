import { Redis } from 'ioredis';

/** One shared connection for commands (rate limits, counters). Pub/sub users make their own. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false });
}
