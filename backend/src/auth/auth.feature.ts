import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import { authMiddleware } from '../http/auth.middleware.ts';
import type { Metrics } from '../http/metrics.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { UsersService } from '../users/users.service.ts';
import { authHandlers } from './auth.routes.ts';
import { createAuthService } from './auth.service.ts';
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
}

/** Accounts, sessions and tokens under /api/auth; `mw` guards every other feature's routes. */
export function createAuthFeature({ db, config, bus, metrics, limiterFactory, usersRepo, users }: Deps) {
  const sessions = createSessionsRepository(db);
  const auth = createAuthService({
    users: usersRepo,
    sessions,
    hasher: createPasswordHasher(config.auth.bcryptCost),
    accessTokens: createAccessTokens(config.auth),
    refreshTtlSeconds: config.auth.refreshTtlSeconds,
    limiterFactory,
    limits: config.rateLimits,
    passwordMinScore: config.auth.passwordMinScore,
    bus,
    record: (event, outcome) => metrics.authEvents.inc({ event, outcome }),
  });
  const mw = authMiddleware(auth);
  const cookies = refreshCookies([...config.corsOrigins, new URL(config.publicUrl).origin]);
  return defineFeature({ auth, sessions, mw, routes: authHandlers(auth, users, cookies) });
}
