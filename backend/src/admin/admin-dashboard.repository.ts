import { and, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { gifts, payments, payouts, streams, users } from '../db/schema/index.ts';

const day = (column: AnyPgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
const int = (expr: SQL) => sql<number>`coalesce(${expr}, 0)::bigint`.mapWith(Number);

/** The dashboard's figures; every query is one aggregate over an indexed time column. */
export function createAdminDashboardRepository(db: Db) {
  return {
    async liveNow() {
      const [row] = await db
        .select({ streams: int(sql`count(*)`), viewers: int(sql`sum(${streams.viewerCount})`) })
        .from(streams)
        .where(eq(streams.status, 'live'));
      return row ?? { streams: 0, viewers: 0 };
    },

    async pendingPayouts() {
      const [row] = await db
        .select({ count: int(sql`count(*)`), beans: int(sql`sum(${payouts.beans})`) })
        .from(payouts)
        .where(eq(payouts.status, 'pending'));
      return row ?? { count: 0, beans: 0 };
    },

    async registrationsByDay(since: Date) {
      return db
        .select({ date: day(users.createdAt), n: int(sql`count(*)`) })
        .from(users)
        .where(gte(users.createdAt, since))
        .groupBy(day(users.createdAt));
    },

    /** A completed payment's last change is its completion, so `updated_at` dates the sale. */
    async salesByDay(since: Date) {
      return db
        .select({
          date: day(payments.updatedAt),
          payments: int(sql`count(*)`),
          coins: int(sql`sum(${payments.coinsReceived})`),
        })
        .from(payments)
        .where(and(eq(payments.status, 'completed'), gte(payments.updatedAt, since)))
        .groupBy(day(payments.updatedAt));
    },

    async giftsByDay(since: Date) {
      return db
        .select({
          date: day(gifts.createdAt),
          gifts: int(sql`sum(${gifts.count})`),
          coins: int(sql`sum(${gifts.cost})`),
          beans: int(sql`sum(${gifts.beansValue})`),
        })
        .from(gifts)
        .where(gte(gifts.createdAt, since))
        .groupBy(day(gifts.createdAt));
    },
  };
}

export type AdminDashboardRepository = ReturnType<typeof createAdminDashboardRepository>;
