import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { coinPackages, payments, stripeEvents, users } from '../db/schema/index.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentStatus = PaymentRow['status'];
export type CoinPackageRow = typeof coinPackages.$inferSelect;

export function createPaymentsRepository(db: Db) {
  return {
    async activePackages(): Promise<CoinPackageRow[]> {
      return db
        .select()
        .from(coinPackages)
        .where(eq(coinPackages.active, true))
        .orderBy(asc(coinPackages.sortOrder), asc(coinPackages.priceCents));
    },

    async activePackage(id: string): Promise<CoinPackageRow | undefined> {
      const [row] = await db
        .select()
        .from(coinPackages)
        .where(and(eq(coinPackages.id, id), eq(coinPackages.active, true)));
      return row;
    },

    async findByKey(userId: string, key: string): Promise<PaymentRow | undefined> {
      const [row] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.userId, userId), eq(payments.idempotencyKey, key)));
      return row;
    },

    /** Pass the transaction when inside one: on PGlite a query on `db` there would wait forever. */
    async find(id: string, executor: Db | Tx = db): Promise<PaymentRow | undefined> {
      const [row] = await executor.select().from(payments).where(eq(payments.id, id));
      return row;
    },

    async findByTransaction(provider: PaymentRow['paymentProvider'], transactionId: string) {
      const [row] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.paymentProvider, provider), eq(payments.transactionId, transactionId)));
      return row;
    },

    async insert(
      values: Omit<typeof payments.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
      executor: Db | Tx = db,
    ) {
      const [row] = await executor.insert(payments).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /** Records the provider's id once; a concurrent retry that lost the race keeps the first one. */
    async setTransactionId(id: string, transactionId: string): Promise<PaymentRow | undefined> {
      await db
        .update(payments)
        .set({ transactionId, updatedAt: new Date() })
        .where(and(eq(payments.id, id), sql`${payments.transactionId} is null`));
      return this.find(id);
    },

    async listForUser(userId: string): Promise<PaymentRow[]> {
      return db
        .select()
        .from(payments)
        .where(eq(payments.userId, userId))
        .orderBy(desc(payments.createdAt))
        .limit(100);
    },

    /**
     * Moves a payment from one of `from` to `to`, or returns undefined if it was not in one of
     * them any more. The row lock makes concurrent callers queue; the loser re-reads the status
     * and matches nothing, so whatever follows the transition happens exactly once.
     */
    async transition(tx: Tx, id: string, from: PaymentStatus[], to: PaymentStatus) {
      const [row] = await tx
        .update(payments)
        .set({ status: to, updatedAt: new Date() })
        .where(and(eq(payments.id, id), inArray(payments.status, from)))
        .returning();
      return row;
    },

    /** True the first time an event id is seen; a redelivery (even a concurrent one) gets false. */
    async recordEvent(tx: Tx, id: string, type: string): Promise<boolean> {
      const rows = await tx
        .insert(stripeEvents)
        .values({ id, type })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      return rows.length === 1;
    },

    /** The payment a Stripe PaymentIntent paid for (recorded on the payment at completion). */
    async paymentIdForIntent(paymentIntentId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ id: payments.id })
        .from(payments)
        .where(eq(payments.paymentIntentId, paymentIntentId))
        .limit(1);
      return row?.id;
    },

    /** Records the PaymentIntent once, inside the completing transaction. */
    async setPaymentIntent(tx: Tx, id: string, paymentIntentId: string): Promise<void> {
      await tx
        .update(payments)
        .set({ paymentIntentId })
        .where(and(eq(payments.id, id), sql`${payments.paymentIntentId} is null`));
    },

    /** Locks the buyer's row for the rest of the transaction, so debt and balance are read together. */
    async lockUser(tx: Tx, userId: string) {
      const [row] = await tx
        .select({ coins: users.coins, coinsDebt: users.coinsDebt })
        .from(users)
        .where(eq(users.id, userId))
        // NO KEY UPDATE, like every ledger movement (ledger.repository.ts): FOR UPDATE also waits for
        // the KEY SHARE locks other transactions' ledger, journal and posting rows take on this user,
        // and two webhook transactions for one buyer deadlocked on PostgreSQL.
        .for('no key update');
      if (!row) throw new Error(`user ${userId} not found`);
      return row;
    },

    async addDebt(tx: Tx, userId: string, coins: number, flagReason: string) {
      await tx
        .update(users)
        .set({
          coinsDebt: sql`${users.coinsDebt} + ${coins}`,
          flaggedAt: new Date(),
          flagReason,
          updatedAt: new Date(),
        })
        .where(eq(users.id, userId));
    },

    async flag(tx: Tx, userId: string, flagReason: string) {
      await tx.update(users).set({ flaggedAt: new Date(), flagReason }).where(eq(users.id, userId));
    },

    /** Conditional like every balance update: the CHECK would refuse a debt below zero anyway. */
    async reduceDebt(tx: Tx, userId: string, coins: number) {
      const [row] = await tx
        .update(users)
        .set({ coinsDebt: sql`${users.coinsDebt} - ${coins}`, updatedAt: new Date() })
        .where(and(eq(users.id, userId), sql`${users.coinsDebt} >= ${coins}`))
        .returning({ coinsDebt: users.coinsDebt });
      if (!row) throw new Error('debt changed under a row lock');
      return row.coinsDebt;
    },
  };
}

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
