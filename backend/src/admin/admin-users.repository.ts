import type { AdminUsersQuery } from '@airwave/shared';
import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { payouts, streams, users } from '../db/schema/index.ts';

export type UserFilter = z.output<typeof AdminUsersQuery>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function statusCondition(status: UserFilter['status'], now: Date): SQL | undefined {
  switch (status) {
    case 'banned':
      return isNotNull(users.bannedAt);
    case 'suspended':
      return and(isNull(users.bannedAt), gt(users.suspendedUntil, now));
    case 'active':
      return and(isNull(users.bannedAt), or(isNull(users.suspendedUntil), lte(users.suspendedUntil, now)));
    case 'flagged':
      return isNotNull(users.flaggedAt);
    default:
      return undefined;
  }
}

export function createAdminUsersRepository(db: Db) {
  return {
    /** One page of users and the total that match; `q` is part of an email or nickname, or an exact id. */
    async list(f: UserFilter) {
      const q = f.q?.trim();
      const search = q
        ? UUID.test(q)
          ? eq(users.id, q.toLowerCase())
          : or(ilike(users.email, `%${escapeLike(q)}%`), ilike(users.nickname, `%${escapeLike(q)}%`))
        : undefined;
      const where = and(
        search,
        f.role ? eq(users.role, f.role) : undefined,
        statusCondition(f.status, new Date()),
      );
      const column = {
        createdAt: users.createdAt,
        nickname: sql`lower(${users.nickname})`,
        email: sql`lower(${users.email})`,
        coins: users.coins,
        beans: users.beans,
      }[f.sort];
      const dir = f.order === 'asc' ? asc : desc;
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(dir(column), dir(users.id))
          .limit(f.limit)
          .offset((f.page - 1) * f.limit),
        db.select({ n: count() }).from(users).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async find(id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async lock(tx: Tx, id: string) {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      return row;
    },

    async update(tx: Tx, id: string, patch: Partial<typeof users.$inferInsert>) {
      const [row] = await tx
        .update(users)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      if (!row) throw new Error('user vanished under a row lock');
      return row;
    },

    async pendingPayoutBeans(id: string): Promise<number> {
      const [row] = await db
        .select({ beans: sql<number>`coalesce(sum(${payouts.beans}), 0)::bigint`.mapWith(Number) })
        .from(payouts)
        .where(and(eq(payouts.userId, id), eq(payouts.status, 'pending')));
      return row?.beans ?? 0;
    },

    async streamsCount(id: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(streams).where(eq(streams.streamerId, id));
      return row?.n ?? 0;
    },
  };
}

export type AdminUsersRepository = ReturnType<typeof createAdminUsersRepository>;
