import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../core/app-error.ts';

export interface LimitRule {
  points: number;
  durationSeconds: number;
}

export interface Limiter {
  /**
   * Spends `points` for `key`, or throws RATE_LIMITED with the seconds to wait. Resolves to the
   * points spent for `key` in the current window, this call's included.
   */
  consume(key: string, points?: number): Promise<number>;
  /** Throws RATE_LIMITED if `key` has no point left (or is blocked), without spending any. */
  assertOpen(key: string): Promise<void>;
  /** Refuses `key` for `seconds` from now, whatever it has spent. */
  block(key: string, seconds: number): Promise<void>;
  /** Forgets `key` (after a successful login, say). */
  reset(key: string): Promise<void>;
}

export type LimiterFactory = (name: string, rule: LimitRule) => Limiter;

export function rateLimited(msBeforeNext: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}

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
          return (await limiter.consume(key, points)).consumedPoints;
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) throw err;
          throw rateLimited(err.msBeforeNext);
        }
      },
      async assertOpen(key) {
        const res = await limiter.get(key);
        if (res && res.consumedPoints >= rule.points) throw rateLimited(res.msBeforeNext);
      },
      async block(key, seconds) {
        await limiter.block(key, seconds);
      },
      async reset(key) {
        await limiter.delete(key);
      },
    };
  };
}
