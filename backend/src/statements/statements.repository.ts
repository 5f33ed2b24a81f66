import { and, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { beanHolds, gifts, ledgerEntries, payments, users } from '../db/schema/index.ts';
import { utcHour } from '../ledger/bean-settler.ts';

/** Where a gift's beans are: waiting for the settler, in a hold lot, or in the balance. */
export type GiftStage = 'pending' | 'on hold' | 'available';

/** Reads only: statements and journals are views of ledger_entries, which only the ledger module writes. */
export function createStatementsRepository(db: Db) {
  const counterpart = alias(users, 'counterpart');
  return {
    /** The user's bean movements in [from, to), oldest first, with the gift behind each. */
    async beanMovements(userId: string, from: Date, to: Date) {
      return db
        .select({
          id: ledgerEntries.id,
          createdAt: ledgerEntries.createdAt,
          kind: ledgerEntries.kind,
          delta: ledgerEntries.delta,
          promoDelta: ledgerEntries.promoDelta,
          reference: ledgerEntries.reference,
          reason: ledgerEntries.reason,
          giftId: ledgerEntries.giftId,
          giftCoins: gifts.cost,
          counterpart: counterpart.nickname,
          // Gift beans wait in pending_bean_credits until the settler moves them into their hour's
          // hold lot, and there until the lot is released into the balance.
          stage: sql<GiftStage>`case
            when exists (select 1 from pending_bean_credits p where p.gift_id = ${ledgerEntries.giftId}) then 'pending'
            when exists (select 1 from bean_holds h where h.user_id = ${ledgerEntries.userId} and h.released_at is null
              and h.earned_hour = ${utcHour(sql`${ledgerEntries.createdAt}`)}) then 'on hold'
            else 'available' end`,
        })
        .from(ledgerEntries)
        .leftJoin(gifts, eq(gifts.id, ledgerEntries.giftId))
        .leftJoin(counterpart, eq(counterpart.id, ledgerEntries.counterpartUserId))
        .where(
          and(
            eq(ledgerEntries.userId, userId),
            eq(ledgerEntries.account, 'beans'),
            gte(ledgerEntries.createdAt, from),
            lt(ledgerEntries.createdAt, to),
          ),
        )
        .orderBy(ledgerEntries.createdAt, ledgerEntries.id);
    },

    /** The user's hold lots released in [from, to), oldest first. */
    async holdReleases(userId: string, from: Date, to: Date) {
      return db
        .select()
        .from(beanHolds)
        .where(
          and(
            eq(beanHolds.userId, userId),
            gte(beanHolds.releasedAt, from),
            lt(beanHolds.releasedAt, to),
            gt(beanHolds.beans, 0),
          ),
        )
        .orderBy(beanHolds.releasedAt, beanHolds.id);
    },

    async receipts(userId: string) {
      return db
        .select()
        .from(payments)
        .where(eq(payments.userId, userId))
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(100);
    },

    async userExists(userId: string): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
      return row !== undefined;
    },

    /** A user's whole journal, newest first, keyset-paged by the serial entry id. */
    async journal(userId: string, after: number | undefined, limit: number) {
      return db
        .select({ entry: ledgerEntries, counterpart: { id: counterpart.id, nickname: counterpart.nickname } })
        .from(ledgerEntries)
        .leftJoin(counterpart, eq(counterpart.id, ledgerEntries.counterpartUserId))
        .where(
          and(
            eq(ledgerEntries.userId, userId),
            after === undefined ? undefined : lt(ledgerEntries.id, after),
          ),
        )
        .orderBy(desc(ledgerEntries.id))
        .limit(limit + 1);
    },
  };
}

export type StatementsRepository = ReturnType<typeof createStatementsRepository>;
