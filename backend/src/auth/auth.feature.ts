import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import { authMiddleware } from '../http/auth.middleware.ts';
import type { Metrics } from '../http/metrics.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { UsersService } from '../users/users.service.ts';
import { accountHandlers } from './account.routes.ts';
import { createAccountService } from './account.service.ts';
import { createAccountTokensRepository } from './account-tokens.repository.ts';
import { authHandlers } from './auth.routes.ts';
import { createAuthService } from './auth.service.ts';
import { createPasswordGuard } from './password-guard.ts';
import { createPasswordHasher } from './passwords.ts';
import { refreshCookies } from './refresh-cookie.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { createAccessTokens } from './tokens.ts';

interface Deps {
  db: Db;
  config: Config;
  bus: EventBus;
  metrics: Metrics;
  limiterFactory: LimiterFactory;
  usersRepo: UsersRepository;
  /** `/auth/me` answers with the user's own profile. */
  users: UsersService;
  /** Verification, reset and email-change links go out through it. */
  mailer: Mailer;
}

/**
 * Accounts, sessions and tokens under /api/auth, with the mailed-link flows (verify, reset, change
 * email); `mw` guards every other feature's routes.
 */
export function createAuthFeature(deps: Deps) {
  const { db, config, bus, metrics, limiterFactory, usersRepo, users, mailer } = deps;
  const sessions = createSessionsRepository(db);
  const hasher = createPasswordHasher(config.auth.bcryptCost);
  // One guard for every typed password, so each way of checking one counts against the same limits.
  const passwordGuard = createPasswordGuard(limiterFactory, config.rateLimits.login);
  const account = createAccountService({
    users: usersRepo,
    tokens: createAccountTokensRepository(db),
    sessions,
    hasher,
    passwordGuard,
    mailer,
    publicUrl: config.publicUrl,
    limiterFactory,
    limits: config.rateLimits.mailLinks,
    passwordMinScore: config.auth.passwordMinScore,
    bus,
  });
  const auth = createAuthService({
    users: usersRepo,
    sessions,
    hasher,
    passwordGuard,
    accessTokens: createAccessTokens(config.auth),
    refreshTtlSeconds: config.auth.refreshTtlSeconds,
    limiterFactory,
    limits: config.rateLimits,
    passwordMinScore: config.auth.passwordMinScore,
    mailVerification: account.mailVerification,
    bus,
    record: (event, outcome) => metrics.authEvents.inc({ event, outcome }),
  });
  const mw = authMiddleware(auth);
  const cookies = refreshCookies([...config.corsOrigins, new URL(config.publicUrl).origin]);
  return defineFeature({
    auth,
    account,
    sessions,
    mw,
    routes: { ...authHandlers(auth, users, cookies), ...accountHandlers(account) },
  });
}
