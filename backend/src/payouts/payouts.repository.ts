import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { payouts } from '../db/schema/index.ts';

export type PayoutRow = typeof payouts.$inferSelect;

export function createPayoutsRepository(db: Db) {
  return {
    async findByKey(userId: string, key: string): Promise<PayoutRow | undefined> {
      const [row] = await db
        .select()
        .from(payouts)
        .where(and(eq(payouts.userId, userId), eq(payouts.idempotencyKey, key)));
      return row;
    },

    async insert(tx: Tx, values: Omit<typeof payouts.$inferInsert, 'id' | 'createdAt'>): Promise<PayoutRow> {
      const [row] = await tx.insert(payouts).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async listForUser(userId: string): Promise<PayoutRow[]> {
      return db
        .select()
        .from(payouts)
        .where(eq(payouts.userId, userId))
        .orderBy(desc(payouts.createdAt))
        .limit(100);
    },

    async listByStatus(status: PayoutRow['status']): Promise<PayoutRow[]> {
      return db
        .select()
        .from(payouts)
        .where(eq(payouts.status, status))
        .orderBy(desc(payouts.createdAt))
        .limit(200);
    },

    /** Decides a pending payout once; returns undefined if it was not pending any more. */
    async decide(tx: Tx, id: string, status: 'approved' | 'rejected', by: string, reason: string) {
      const [row] = await tx
        .update(payouts)
        .set({ status, decidedBy: by, decidedAt: new Date(), reason })
        .where(and(eq(payouts.id, id), eq(payouts.status, 'pending')))
        .returning();
      return row;
    },

    /** Pass the transaction when inside one: on PGlite a query on `db` there would wait forever. */
    async find(id: string, executor: Db | Tx = db): Promise<PayoutRow | undefined> {
      const [row] = await executor.select().from(payouts).where(eq(payouts.id, id));
      return row;
    },
  };
}

export type PayoutsRepository = ReturnType<typeof createPayoutsRepository>;
