import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../http/errors.ts';

export interface LimitRule {
  points: number;
  durationSeconds: number;
}

export interface Limiter {
  /** Spends `points` for `key`, or throws RATE_LIMITED with the seconds to wait. */
  consume(key: string, points?: number): Promise<void>;
  /** Forgets `key` (after a successful login, say). */
  reset(key: string): Promise<void>;
}

export type LimiterFactory = (name: string, rule: LimitRule) => Limiter;

/** In-process counters without Redis; shared counters across every node with it. */
export function createLimiterFactory(redis: Redis | undefined): LimiterFactory {
  return (name, rule) => {
    const options = { keyPrefix: `rl:${name}`, points: rule.points, duration: rule.durationSeconds };
    const limiter = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    return {
      async consume(key, points = 1) {
        try {
          await limiter.consume(key, points);
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) throw err;
          const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
          throw new AppError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} s.`, {
            retryAfterSeconds,
          });
        }
      },
      async reset(key) {
        await limiter.delete(key);
      },
    };
  };
}
