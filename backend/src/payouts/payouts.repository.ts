import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { payoutAccounts, payouts, stripeEvents, users } from '../db/schema/index.ts';

export type PayoutRow = typeof payouts.$inferSelect;
export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;

/** What an `account.updated` says about a connected account. */
export interface AccountState {
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  currentlyDue: string[];
  disabledReason: string | null;
}

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

    /**
     * Decides a pending payout once; returns undefined if it was not pending any more. `paying`
     * also fixes the connected account the money goes to.
     */
    async decide(
      tx: Tx,
      id: string,
      status: 'approved' | 'rejected' | 'paying',
      by: string,
      reason: string,
      stripeAccountId?: string,
    ) {
      const [row] = await tx
        .update(payouts)
        .set({ status, decidedBy: by, decidedAt: new Date(), reason, stripeAccountId })
        .where(and(eq(payouts.id, id), eq(payouts.status, 'pending')))
        .returning();
      return row;
    },

    /** Counts a try to reach Stripe for a `paying` payout; the retry job leaves it alone for a while. */
    async startAttempt(id: string) {
      await db
        .update(payouts)
        .set({ attempts: sql`${payouts.attempts} + 1`, lastAttemptAt: new Date() })
        .where(eq(payouts.id, id));
    },

    /** Why the last try failed, for the admin panel. */
    async failAttempt(id: string, error: string) {
      await db
        .update(payouts)
        .set({ lastError: error.slice(0, 500) })
        .where(eq(payouts.id, id));
    },

    /** Stores Stripe's transfer once; a reversal that arrived first may already have stored it. */
    async setTransfer(id: string, transferId: string) {
      await db
        .update(payouts)
        .set({ transferId })
        .where(and(eq(payouts.id, id), isNull(payouts.transferId)));
    },

    /** paying → paid with the bank payout's id; undefined if it was not paying (reversed meanwhile). */
    async markPaid(tx: Tx, id: string, stripePayoutId: string) {
      const [row] = await tx
        .update(payouts)
        .set({ status: 'paid', stripePayoutId, paidAt: new Date(), lastError: null })
        .where(and(eq(payouts.id, id), eq(payouts.status, 'paying')))
        .returning();
      return row;
    },

    /**
     * paying|paid → reversed, once: of concurrent or replayed reversals only one gets the row back,
     * and only that one returns the beans. A reversal may overtake our own record of the transfer,
     * so it stores the transfer id when we have none yet.
     */
    async reverse(tx: Tx, id: string, reason: string, transferId: string | undefined) {
      // The status it had, read under the row lock, so the caller books the transfer exactly once.
      const [before] = await tx
        .select({ status: payouts.status })
        .from(payouts)
        .where(eq(payouts.id, id))
        .for('update');
      const [row] = await tx
        .update(payouts)
        .set({
          status: 'reversed',
          reversedAt: new Date(),
          reversalReason: reason,
          transferId: sql`coalesce(${payouts.transferId}, ${transferId ?? null}::text)`,
        })
        .where(and(eq(payouts.id, id), inArray(payouts.status, ['paying', 'paid'])))
        .returning();
      return row && before ? { row, was: before.status } : undefined;
    },

    /** `paying` payouts nobody has tried since `before`: the retry job drives them again. */
    async listStalled(before: Date): Promise<PayoutRow[]> {
      return db
        .select()
        .from(payouts)
        .where(
          and(
            eq(payouts.status, 'paying'),
            or(isNull(payouts.lastAttemptAt), lt(payouts.lastAttemptAt, before)),
          ),
        )
        .orderBy(asc(payouts.createdAt))
        .limit(100);
    },

    async findByTransfer(transferId: string, executor: Db | Tx = db) {
      const [row] = await executor.select().from(payouts).where(eq(payouts.transferId, transferId));
      return row;
    },

    async findByStripePayout(stripePayoutId: string, executor: Db | Tx = db) {
      const [row] = await executor.select().from(payouts).where(eq(payouts.stripePayoutId, stripePayoutId));
      return row;
    },

    async findAccount(userId: string, executor: Db | Tx = db): Promise<PayoutAccountRow | undefined> {
      const [row] = await executor.select().from(payoutAccounts).where(eq(payoutAccounts.userId, userId));
      return row;
    },

    async findAccountByStripeId(stripeAccountId: string, executor: Db | Tx = db) {
      const [row] = await executor
        .select()
        .from(payoutAccounts)
        .where(eq(payoutAccounts.stripeAccountId, stripeAccountId));
      return row;
    },

    /** The first account stored for a user wins; a racing second insert keeps it. */
    async insertAccount(userId: string, stripeAccountId: string, state: AccountState) {
      await db
        .insert(payoutAccounts)
        .values({ userId, stripeAccountId, ...state })
        .onConflictDoNothing();
      return this.findAccount(userId);
    },

    /** Applies an account's state unless a newer event already did (`version`: the event's `created`). */
    async applyAccountState(tx: Tx, stripeAccountId: string, state: AccountState, version: Date) {
      const [row] = await tx
        .update(payoutAccounts)
        .set({ ...state, stripeUpdatedAt: version })
        .where(
          and(
            eq(payoutAccounts.stripeAccountId, stripeAccountId),
            or(
              isNull(payoutAccounts.stripeUpdatedAt),
              sql`${payoutAccounts.stripeUpdatedAt} <= ${version.toISOString()}::timestamptz`,
            ),
          ),
        )
        .returning();
      return row;
    },

    async emailOf(userId: string): Promise<string | undefined> {
      const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      return row?.email;
    },

    /** Records a Stripe event id in the caller's transaction; false if it was handled before. */
    async recordEvent(tx: Tx, id: string, type: string): Promise<boolean> {
      const rows = await tx
        .insert(stripeEvents)
        .values({ id, type })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      return rows.length === 1;
    },

    async eventSeen(id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(eq(stripeEvents.id, id));
      return row !== undefined;
    },

    /** Pass the transaction when inside one: on PGlite a query on `db` there would wait forever. */
    async find(id: string, executor: Db | Tx = db): Promise<PayoutRow | undefined> {
      const [row] = await executor.select().from(payouts).where(eq(payouts.id, id));
      return row;
    },
  };
}

export type PayoutsRepository = ReturnType<typeof createPayoutsRepository>;
