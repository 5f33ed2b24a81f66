import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { authSessions, refreshTokens, users } from '../db/schema/index.ts';

export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; userId: string }
  | { kind: 'reused'; sessionId: string; userId: string }
  | { kind: 'invalid' };

export function createSessionsRepository(db: Db) {
  return {
    async create(userId: string, meta: { userAgent?: string | undefined; ip?: string | undefined }) {
      const [row] = await db
        .insert(authSessions)
        .values({ userId, userAgent: meta.userAgent?.slice(0, 512), ip: meta.ip })
        .returning({ id: authSessions.id });
      if (!row) throw new Error('insert returned no row');
      return row.id;
    },

    async addRefreshToken(sessionId: string, tokenHash: string, expiresAt: Date) {
      await db.insert(refreshTokens).values({ sessionId, tokenHash, expiresAt });
    },

    /**
     * Marks a refresh token used in one conditional UPDATE, so two concurrent refreshes with the
     * same token cannot both win. A token that was already used is reported as reuse.
     */
    async consumeRefreshToken(tokenHash: string): Promise<RefreshOutcome> {
      const now = new Date();
      const [used] = await db
        .update(refreshTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(refreshTokens.tokenHash, tokenHash),
            isNull(refreshTokens.usedAt),
            gt(refreshTokens.expiresAt, now),
          ),
        )
        .returning({ sessionId: refreshTokens.sessionId });
      const [row] = await db
        .select({
          sessionId: refreshTokens.sessionId,
          usedAt: refreshTokens.usedAt,
          userId: authSessions.userId,
          revokedAt: authSessions.revokedAt,
        })
        .from(refreshTokens)
        .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, tokenHash));
      if (!row) return { kind: 'invalid' };
      if (used) {
        return row.revokedAt
          ? { kind: 'invalid' }
          : { kind: 'rotated', sessionId: row.sessionId, userId: row.userId };
      }
      if (row.usedAt) return { kind: 'reused', sessionId: row.sessionId, userId: row.userId };
      return { kind: 'invalid' }; // expired
    },

    async touch(sessionId: string) {
      await db.update(authSessions).set({ lastUsedAt: new Date() }).where(eq(authSessions.id, sessionId));
    },

    async revoke(sessionId: string, reason: string) {
      await db
        .update(authSessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
    },

    async revokeAllForUser(userId: string, reason: string, exceptSessionId?: string) {
      await db
        .update(authSessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(
          and(
            eq(authSessions.userId, userId),
            isNull(authSessions.revokedAt),
            exceptSessionId ? ne(authSessions.id, exceptSessionId) : undefined,
          ),
        );
    },

    /** The user behind a session, in one indexed lookup: used on every authenticated request. */
    async findPrincipal(userId: string, sessionId: string) {
      const [row] = await db
        .select({
          role: users.role,
          nickname: users.nickname,
          bannedAt: users.bannedAt,
          suspendedUntil: users.suspendedUntil,
          revokedAt: authSessions.revokedAt,
        })
        .from(authSessions)
        .innerJoin(users, eq(users.id, authSessions.userId))
        .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId)));
      return row;
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
