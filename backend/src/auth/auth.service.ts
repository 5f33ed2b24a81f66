import type {
  AuthResponse,
  ChangePasswordBody,
  LoginBody,
  Principal,
  RegisterBody,
  Role,
  TokenPair,
} from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { uniqueViolation } from '../db/errors.ts';
import type { LimiterFactory, LimitRule } from '../platform/rate-limit.ts';
import { toMe } from '../users/users.mapper.ts';
import type { UserRow, UsersRepository } from '../users/users.repository.ts';
import { createPasswordGuard, type PasswordGuardRules } from './password-guard.ts';
import { assertPasswordStrongEnough } from './password-strength.ts';
import type { PasswordHasher } from './passwords.ts';
import { createPrincipalCache } from './principal-cache.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { type AccessTokens, hashRefreshToken, newRefreshToken } from './tokens.ts';

export interface ClientMeta {
  ip: string | undefined;
  userAgent: string | undefined;
}

/** Which sessions ended: one, or all of a user's but perhaps the one asking. */
export type RevokedTarget = { userId: string; sessionId?: string; exceptSessionId?: string };

export type RevokeReason = 'logout' | 'banned' | 'password-changed' | 'revoked';

interface Deps {
  users: UsersRepository;
  sessions: SessionsRepository;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  refreshTtlSeconds: number;
  limiterFactory: LimiterFactory;
  limits: { login: PasswordGuardRules; refreshFailuresPerIp: LimitRule; registerPerIp: LimitRule };
  /** The zxcvbn score (0-4) a new password needs. */
  passwordMinScore: number;
  /** `session.revoked` when sessions end, so open sockets of those sessions are closed at once. */
  bus: Pick<EventBus, 'emit'>;
  /** Counts outcomes for the metrics endpoint (login failures, token reuse, ...). */
  record: (event: 'register' | 'login' | 'refresh' | 'logout', outcome: string) => void;
}

const BAD_CREDENTIALS = 'The email or password is incorrect.';

export function createAuthService(deps: Deps) {
  const { users, sessions, hasher, accessTokens } = deps;
  const passwordGuard = createPasswordGuard(deps.limiterFactory, deps.limits.login);
  const refreshFailuresPerIp = deps.limiterFactory('refresh-fail-ip', deps.limits.refreshFailuresPerIp);
  const registerPerIp = deps.limiterFactory('register-ip', deps.limits.registerPerIp);

  function assertMayAct(user: Pick<UserRow, 'bannedAt' | 'suspendedUntil'>) {
    if (user.bannedAt) throw new AppError('ACCOUNT_BANNED', 'This account is banned.');
    if (user.suspendedUntil && user.suspendedUntil > new Date()) {
      throw new AppError(
        'ACCOUNT_BANNED',
        `This account is suspended until ${user.suspendedUntil.toISOString()}.`,
        {
          suspendedUntil: user.suspendedUntil.toISOString(),
        },
      );
    }
  }

  async function issueTokens(user: Pick<UserRow, 'id' | 'role'>, sessionId: string): Promise<TokenPair> {
    const access = await accessTokens.sign({ userId: user.id, sessionId, role: user.role });
    const refresh = newRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + deps.refreshTtlSeconds * 1000);
    await sessions.addRefreshToken(sessionId, refresh.hash, refreshExpiresAt);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
    };
  }

  type PrincipalRow = NonNullable<Awaited<ReturnType<SessionsRepository['findPrincipal']>>>;
  const principals = createPrincipalCache<PrincipalRow>();
  const readPrincipal = (ids: { userId: string; sessionId: string }) =>
    principals.load(ids.userId, ids.sessionId, () => sessions.findPrincipal(ids.userId, ids.sessionId));

  /**
   * The session's principal, checked again on every call (revoked, banned, suspension still
   * running). `fresh` skips the cache: a privileged act is decided on the row as it is now.
   */
  async function currentPrincipal(
    ids: { userId: string; sessionId: string },
    fresh = false,
  ): Promise<Principal> {
    const row = (fresh ? undefined : principals.get(ids.userId, ids.sessionId)) ?? (await readPrincipal(ids));
    if (!row || row.revokedAt)
      throw new AppError('UNAUTHENTICATED', 'This session has ended. Please sign in again.');
    assertMayAct(row);
    return { userId: ids.userId, sessionId: ids.sessionId, role: row.role, nickname: row.nickname };
  }

  /** Like authenticate, plus when the token's authority ends (a socket must not outlive it). */
  async function authenticateSession(
    accessToken: string,
  ): Promise<{ principal: Principal; expiresAt: Date }> {
    const claims = await accessTokens.verify(accessToken);
    return { principal: await currentPrincipal(claims), expiresAt: claims.expiresAt };
  }

  async function startSession(user: UserRow, meta: ClientMeta): Promise<AuthResponse> {
    const sessionId = await sessions.create(user.id, meta);
    return { user: toMe(user), ...(await issueTokens(user, sessionId)) };
  }

  return {
    async register(body: RegisterBody, meta: ClientMeta): Promise<AuthResponse> {
      await registerPerIp.consume(meta.ip ?? 'unknown');
      await assertPasswordStrongEnough(body.password, body, deps.passwordMinScore);
      const passwordHash = await hasher.hash(body.password);
      const user = await users
        .insert({ email: body.email, nickname: body.nickname, passwordHash, role: 'user' })
        .catch((err: unknown) => {
          const constraint = uniqueViolation(err);
          if (constraint === undefined) throw err;
          if (constraint.includes('nickname')) {
            throw new AppError('NICKNAME_TAKEN', 'This nickname is taken. Try another one.');
          }
          throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Sign in instead.');
        });
      deps.record('register', 'ok');
      return startSession(user, meta);
    },

    async login(body: LoginBody, meta: ClientMeta): Promise<AuthResponse> {
      // Unknown emails are throttled like known ones, so the answers tell nothing about which exist.
      const user = await passwordGuard.attempt(body.email, meta.ip, async () => {
        const found = await users.findByEmail(body.email);
        return (await hasher.verify(body.password, found?.passwordHash)) ? (found ?? null) : null;
      });
      if (!user) {
        deps.record('login', 'bad-credentials');
        throw new AppError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
      }
      assertMayAct(user);
      deps.record('login', 'ok');
      return startSession(user, meta);
    },

    /**
     * Rotates a refresh token. Presenting one that was already rotated ends its whole family.
     * Failed refreshes are counted per IP, so nobody can try tokens at speed.
     */
    async refresh(refreshToken: string, meta: ClientMeta): Promise<TokenPair> {
      const ip = meta.ip ?? 'unknown';
      await refreshFailuresPerIp.assertOpen(ip);
      const outcome = await sessions.consumeRefreshToken(hashRefreshToken(refreshToken));
      deps.record('refresh', outcome.kind);
      if (outcome.kind === 'reused') {
        await sessions.revoke(outcome.sessionId, 'refresh-token-reuse');
        deps.bus.emit('session.revoked', {
          target: { userId: outcome.userId, sessionId: outcome.sessionId },
          reason: 'revoked',
        });
      }
      if (outcome.kind !== 'rotated') {
        await refreshFailuresPerIp.consume(ip);
        throw new AppError('UNAUTHENTICATED', 'This session has ended. Please sign in again.');
      }
      const user = await users.findById(outcome.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'This session has ended. Please sign in again.');
      assertMayAct(user);
      await sessions.touch(outcome.sessionId);
      return issueTokens(user, outcome.sessionId);
    },

    async logout(principal: Principal, allDevices: boolean): Promise<void> {
      deps.record('logout', allDevices ? 'all-devices' : 'this-device');
      if (allDevices) {
        await sessions.revokeAllForUser(principal.userId, 'logout-all');
        deps.bus.emit('session.revoked', { target: { userId: principal.userId }, reason: 'logout' });
      } else {
        await sessions.revoke(principal.sessionId, 'logout');
        deps.bus.emit('session.revoked', {
          target: { userId: principal.userId, sessionId: principal.sessionId },
          reason: 'logout',
        });
      }
    },

    /**
     * Turns an access token into a principal. The token proves identity; the database says whether
     * the session is still open and the account still allowed, so a ban or logout bites at once.
     * The answer is kept for a few seconds (principal-cache.ts); every revocation drops it on every node.
     */
    async authenticate(accessToken: string): Promise<Principal> {
      return (await authenticateSession(accessToken)).principal;
    },

    authenticateSession,

    /** The same session read again: a long-lived socket must act with today's role, not the handshake's. */
    reloadPrincipal(principal: Principal): Promise<Principal> {
      return currentPrincipal(principal, true);
    },

    /**
     * Drops what this node remembers of a user's sessions. Called on this node and, through the
     * socket adapter, on every other one whenever a session ends or the user's role or standing changes.
     */
    forgetPrincipal(userId: string) {
      principals.forget(userId);
    },

    /** The current password is checked under the login limits: a stolen session guesses no faster. */
    async changePassword(principal: Principal, body: ChangePasswordBody, meta: ClientMeta): Promise<void> {
      const user = await users.findById(principal.userId);
      if (!user) throw new AppError('NOT_FOUND', 'User not found.');
      const ok = await passwordGuard.attempt(user.email, meta.ip, async () =>
        (await hasher.verify(body.currentPassword, user.passwordHash)) ? true : null,
      );
      if (!ok) throw new AppError('INVALID_CREDENTIALS', 'The current password is incorrect.');
      await assertPasswordStrongEnough(body.newPassword, user, deps.passwordMinScore);
      await users.update(user.id, { passwordHash: await hasher.hash(body.newPassword) });
      // Every other device must sign in again with the new password; this one stays signed in.
      await sessions.revokeAllForUser(user.id, 'password-changed', principal.sessionId);
      deps.bus.emit('session.revoked', {
        target: { userId: user.id, exceptSessionId: principal.sessionId },
        reason: 'password-changed',
      });
    },

    /** For start-up provisioning (first admin, demo accounts): creates or updates an account. */
    async ensureAccount(account: {
      email: string;
      password: string;
      nickname: string;
      role: Role;
    }): Promise<UserRow> {
      const existing = await users.findByEmail(account.email);
      if (existing) {
        return existing.role === account.role
          ? existing
          : ((await users.update(existing.id, { role: account.role })) ?? existing);
      }
      const passwordHash = await hasher.hash(account.password);
      return users.insert({
        email: account.email.toLowerCase(),
        nickname: account.nickname,
        passwordHash,
        role: account.role,
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
