import type {
  AdminBanBody,
  AdminRoleBody,
  AdminSuspendBody,
  AdminUser,
  Principal,
  PublicProfile,
} from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { SessionsRepository } from '../auth/sessions.repository.ts';
import { AppError } from '../core/app-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { toPublicProfile } from '../users/users.mapper.ts';
import { toAdminUser } from './admin.mappers.ts';
import { assertNotOwn } from './four-eyes.ts';

interface Deps {
  db: Db;
  sessions: SessionsRepository;
  /** A new role must reach the user's open sockets at once, not at their next handshake. */
  bus: Pick<EventBus, 'emit'>;
}

/** Account-level admin actions. Each runs in one transaction with its audit row. */
export function createAdminUsersService({ db, sessions, bus }: Deps) {
  async function lockTarget(
    tx: Parameters<Parameters<Db['transaction']>[0]>[0],
    actor: Principal,
    userId: string,
  ) {
    const [target] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!target) throw new AppError('NOT_FOUND', 'No such user.');
    assertNotOwn(actor, target.id, 'account');
    return target;
  }

  return {
    async setRole(actor: Principal, userId: string, body: AdminRoleBody): Promise<PublicProfile> {
      const profile = await db.transaction(async (tx) => {
        const target = await lockTarget(tx, actor, userId);
        const [updated] = await tx
          .update(users)
          .set({ role: body.role, updatedAt: new Date() })
          .where(eq(users.id, userId))
          .returning();
        if (!updated) throw new AppError('NOT_FOUND', 'No such user.');
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'user.role',
          targetType: 'user',
          targetId: userId,
          before: { role: target.role },
          after: { role: body.role },
          reason: body.reason,
        });
        return toPublicProfile(updated);
      });
      bus.emit('principal.changed', { userId });
      return profile;
    },

    /** Bans take effect at once: sessions are revoked and open sockets are closed. */
    async ban(actor: Principal, userId: string, body: AdminBanBody): Promise<void> {
      await db.transaction(async (tx) => {
        const target = await lockTarget(tx, actor, userId);
        if (target.role === 'admin')
          throw new AppError('FORBIDDEN', 'An admin cannot be banned; change the role first.');
        const bannedAt = new Date();
        await tx
          .update(users)
          .set({ bannedAt, banReason: body.reason, updatedAt: bannedAt })
          .where(eq(users.id, userId));
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'user.ban',
          targetType: 'user',
          targetId: userId,
          before: { bannedAt: target.bannedAt?.toISOString() ?? null },
          after: { bannedAt: bannedAt.toISOString() },
          reason: body.reason,
        });
      });
      await sessions.revokeAllForUser(userId, 'banned');
      bus.emit('session.revoked', { target: { userId }, reason: 'banned' });
    },

    /**
     * Keeps the account out until `until`, at once: like a ban, sessions are revoked and sockets
     * closed; logging in again answers ACCOUNT_BANNED with the date. Unban lifts it early.
     */
    async suspend(actor: Principal, userId: string, body: AdminSuspendBody): Promise<AdminUser> {
      const until = new Date(body.until);
      const updated = await db.transaction(async (tx) => {
        const target = await lockTarget(tx, actor, userId);
        if (target.role === 'admin')
          throw new AppError('FORBIDDEN', 'An admin cannot be suspended; change the role first.');
        if (target.bannedAt)
          throw new AppError('CONFLICT', 'This account is banned; a suspension adds nothing.');
        const [row] = await tx
          .update(users)
          .set({ suspendedUntil: until, updatedAt: new Date() })
          .where(eq(users.id, userId))
          .returning();
        if (!row) throw new AppError('NOT_FOUND', 'No such user.');
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'user.suspend',
          targetType: 'user',
          targetId: userId,
          before: { suspendedUntil: target.suspendedUntil?.toISOString() ?? null },
          after: { suspendedUntil: until.toISOString() },
          reason: body.reason,
        });
        return row;
      });
      await sessions.revokeAllForUser(userId, 'suspended');
      bus.emit('session.revoked', { target: { userId }, reason: 'banned' });
      return toAdminUser(updated);
    },

    async unban(actor: Principal, userId: string, reason: string): Promise<void> {
      await db.transaction(async (tx) => {
        const target = await lockTarget(tx, actor, userId);
        await tx
          .update(users)
          .set({ bannedAt: null, banReason: null, suspendedUntil: null, updatedAt: new Date() })
          .where(eq(users.id, userId));
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'user.unban',
          targetType: 'user',
          targetId: userId,
          before: {
            bannedAt: target.bannedAt?.toISOString() ?? null,
            suspendedUntil: target.suspendedUntil?.toISOString() ?? null,
          },
          after: { bannedAt: null, suspendedUntil: null },
          reason,
        });
      });
    },
  };
}

export type AdminUsersService = ReturnType<typeof createAdminUsersService>;
