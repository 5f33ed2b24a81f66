import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { giftSpendDays, limitSettings, payments, spendingLimits, users } from '../db/schema/index.ts';

export type SpendingLimitRow = typeof spendingLimits.$inferSelect;

/** Statuses whose coins count against the purchase caps: open checkouts too, so parallel ones cannot pass. */
const COUNTED = ['pending', 'completed'] as const;

export function createLimitsRepository(db: Db) {
  return {
    /** Writes the platform's gift cap where the gift trigger reads it (config.ts stays the source). */
    async syncPlatformGiftCap(cap: number | null): Promise<void> {
      await db
        .insert(limitSettings)
        .values({ id: 1, giftDailyCap: cap })
        .onConflictDoUpdate({ target: limitSettings.id, set: { giftDailyCap: cap, updatedAt: new Date() } });
    },

    /**
     * Locks the buyer's row for the rest of the checkout's transaction, so two checkouts of one
     * account count each other's coins (the second waits for the first to commit).
     */
    async lockBuyer(tx: Tx, userId: string): Promise<{ createdAt: Date } | undefined> {
      const [row] = await tx
        .select({ createdAt: users.createdAt })
        .from(users)
        .where(eq(users.id, userId))
        .for('no key update');
      return row;
    },

    /** Coins bought (open or completed checkouts) since each of the given times. */
    async purchasedSince(q: Db | Tx, userId: string, day: Date, month: Date) {
      const [row] = await q
        .select({
          day: sql<number>`coalesce(sum(${payments.coinsReceived}) filter (where ${payments.createdAt} >= ${day.toISOString()}::timestamptz), 0)`.mapWith(
            Number,
          ),
          month: sql<number>`coalesce(sum(${payments.coinsReceived}), 0)`.mapWith(Number),
        })
        .from(payments)
        .where(
          and(
            eq(payments.userId, userId),
            inArray(payments.status, [...COUNTED]),
            gte(payments.createdAt, month < day ? month : day),
          ),
        );
      return { day: row?.day ?? 0, month: row?.month ?? 0 };
    },

    async userCreatedAt(userId: string): Promise<Date | undefined> {
      const [row] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
      return row?.createdAt;
    },

    async own(userId: string, q: Db | Tx = db): Promise<SpendingLimitRow | undefined> {
      const [row] = await q.select().from(spendingLimits).where(eq(spendingLimits.userId, userId));
      return row;
    },

    /** The user's limits row, created if missing and locked for the rest of the transaction. */
    async lockOwn(tx: Tx, userId: string): Promise<SpendingLimitRow> {
      await tx.insert(spendingLimits).values({ userId }).onConflictDoNothing();
      const [row] = await tx
        .select()
        .from(spendingLimits)
        .where(eq(spendingLimits.userId, userId))
        .for('update');
      if (!row) throw new Error('spending_limits row vanished');
      return row;
    },

    async saveOwn(
      tx: Tx,
      userId: string,
      values: Pick<SpendingLimitRow, 'giftDailyCap' | 'raiseTo' | 'raiseAt'>,
    ): Promise<void> {
      await tx
        .update(spendingLimits)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(spendingLimits.userId, userId));
    },

    /** Coins spent on gifts on a UTC day ('YYYY-MM-DD'), as the gift trigger counted them. */
    async giftSpent(userId: string, day: string): Promise<number> {
      const [row] = await db
        .select({ coins: giftSpendDays.coins })
        .from(giftSpendDays)
        .where(and(eq(giftSpendDays.userId, userId), eq(giftSpendDays.day, day)));
      return row?.coins ?? 0;
    },
  };
}

export type LimitsRepository = ReturnType<typeof createLimitsRepository>;
