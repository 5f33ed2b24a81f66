import { MAX_LISTED_HOLDS, type Wallet, type WalletHistoryItem } from '@airwave/shared';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { beanHolds, ledgerEntries, users } from '../db/schema/index.ts';

export function createWalletRepository(db: Db) {
  const counterpart = alias(users, 'counterpart');
  return {
    async balances(userId: string) {
      const [row] = await db
        .select({
          coins: users.coins,
          beans: users.beans,
          promoCoins: users.promoCoins,
          withdrawableBeans: sql<number>`${users.beans} - ${users.promoBeans}`.mapWith(Number),
          coinsDebt: users.coinsDebt,
          // Spelled out: drizzle leaves column names unqualified inside a correlated subquery.
          pendingPayoutBeans: sql<number>`coalesce((select sum(p.beans) from payouts p where p.user_id = users.id and p.status = 'pending'), 0)::bigint`,
        })
        .from(users)
        .where(eq(users.id, userId));
      return row && { ...row, pendingPayoutBeans: Number(row.pendingPayoutBeans) };
    },

    /** The user's beans on hold: the total, and the lots soonest to free up first. */
    async holds(userId: string): Promise<Pick<Wallet, 'heldBeans' | 'holds'>> {
      const open = and(eq(beanHolds.userId, userId), isNull(beanHolds.releasedAt), gt(beanHolds.beans, 0));
      const [total, lots] = await Promise.all([
        db
          .select({ beans: sql<number>`coalesce(sum(${beanHolds.beans}), 0)::bigint`.mapWith(Number) })
          .from(beanHolds)
          .where(open),
        db
          .select({ id: beanHolds.id, beans: beanHolds.beans, releaseAt: beanHolds.releaseAt })
          .from(beanHolds)
          .where(open)
          .orderBy(beanHolds.releaseAt, beanHolds.id)
          .limit(MAX_LISTED_HOLDS),
      ]);
      return {
        heldBeans: total[0]?.beans ?? 0,
        holds: lots.map((l) => ({ id: l.id, beans: l.beans, releasesAt: l.releaseAt.toISOString() })),
      };
    },

    /** The user's ledger, newest first, keyset-paginated by entry id. */
    async history(userId: string, q: { cursor?: string; limit: number; account?: 'coins' | 'beans' }) {
      const rows = await db
        .select({ entry: ledgerEntries, counterpart: { id: counterpart.id, nickname: counterpart.nickname } })
        .from(ledgerEntries)
        .leftJoin(counterpart, eq(counterpart.id, ledgerEntries.counterpartUserId))
        .where(
          and(
            eq(ledgerEntries.userId, userId),
            q.account ? eq(ledgerEntries.account, q.account) : undefined,
            q.cursor ? lt(ledgerEntries.id, Number(q.cursor)) : undefined,
          ),
        )
        .orderBy(desc(ledgerEntries.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const items: WalletHistoryItem[] = page.map(({ entry, counterpart: c }) => ({
        id: entry.id,
        account: entry.account,
        delta: entry.delta,
        balanceAfter: entry.balanceAfter,
        kind: entry.kind,
        counterpart: c?.id ? { id: c.id, nickname: c.nickname } : null,
        streamId: entry.streamId,
        reason: entry.reason,
        createdAt: entry.createdAt.toISOString(),
      }));
      const last = page.at(-1);
      return { items, nextCursor: rows.length > page.length && last ? String(last.entry.id) : null };
    },
  };
}

export type WalletRepository = ReturnType<typeof createWalletRepository>;
