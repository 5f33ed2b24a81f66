import type { LimiterFactory, LimitRule } from '../platform/rate-limit.ts';

export interface PasswordGuardRules {
  /** Attempts from one IP, whatever the account: slows one machine spraying many accounts. */
  perIp: LimitRule;
  /** Attempts at one account from one IP: cuts the attacking IP off without touching the owner's. */
  perAccountIp: LimitRule;
  /** Failures per account answered at once within `windowSeconds`; each further one doubles a delay. */
  freeFailures: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

/**
 * Every check of a password someone types (login, the current password on a change) goes through
 * here, so guessing through one door spends the budget of all of them.
 *
 * An account is never locked: after `freeFailures`, each failure makes the next attempt at that
 * account wait 1 s, 2 s, 4 s ... up to `maxDelaySeconds`, and a success clears it. An attacker
 * therefore cannot keep the owner out for longer than the cap, while their own IP runs out of
 * `perAccountIp` attempts and stops counting against the account at all. State lives in the shared
 * limiter (Redis when configured), so the budget holds across nodes.
 */
export function createPasswordGuard(limiterFactory: LimiterFactory, rules: PasswordGuardRules) {
  const perIp = limiterFactory('login-ip', rules.perIp);
  const perAccountIp = limiterFactory('login-account-ip', rules.perAccountIp);
  // Only counts; never refuses (the delay below does that).
  const failures = limiterFactory('login-failures', {
    points: Number.MAX_SAFE_INTEGER,
    durationSeconds: rules.windowSeconds,
  });
  const delay = limiterFactory('login-delay', { points: 1, durationSeconds: rules.maxDelaySeconds });

  return {
    /**
     * Runs `verify` (look-up and hash comparison; null means a wrong password) for `account` asked
     * from `ip`, unless a limit says wait: RATE_LIMITED with `retryAfterSeconds`, before the
     * password is even looked at.
     */
    async attempt<T>(
      account: string,
      ip: string | undefined,
      verify: () => Promise<T | null>,
    ): Promise<T | null> {
      const accountIp = `${account}|${ip ?? 'unknown'}`;
      await perIp.consume(ip ?? 'unknown');
      await perAccountIp.consume(accountIp);
      await delay.assertOpen(account);
      // Counted as a failure before the slow hash runs, so a burst of parallel guesses meets the
      // delay at once instead of all passing while the first ones are still being hashed.
      const failed = await failures.consume(account);
      const over = failed - rules.freeFailures;
      if (over > 0) await delay.block(account, Math.min(rules.maxDelaySeconds, 2 ** (over - 1)));
      const verified = await verify();
      if (verified === null) return null;
      await Promise.all([failures.reset(account), delay.reset(account), perAccountIp.reset(accountIp)]);
      return verified;
    },
  };
}

export type PasswordGuard = ReturnType<typeof createPasswordGuard>;
