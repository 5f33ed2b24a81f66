import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether the test Redis answers. CI always provides one, so under CI=true a missing Redis is a
 * failure, never a skip; on a laptop without Redis the multi-node suites are reported as skipped.
 */
export async function redisAvailable(): Promise<boolean> {
  if (process.env.CI === 'true') return true;
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
