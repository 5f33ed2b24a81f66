import type { GiftItem } from '@airwave/shared';
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { giftCatalog, gifts, ledgerEntries, pendingBeanCredits, users } from '../db/schema/index.ts';

export type GiftTypeRow = typeof giftCatalog.$inferSelect;
export type GiftRow = typeof gifts.$inferSelect;

export const toGiftItem = (g: GiftTypeRow): GiftItem => ({
  id: g.id,
  slug: g.slug,
  name: g.name,
  icon: g.icon,
  costCoins: g.costCoins,
  beansValue: g.beansValue,
  sortOrder: g.sortOrder,
  active: g.active,
});

export function createGiftsRepository(db: Db) {
  return {
    async catalog(includeInactive = false): Promise<GiftTypeRow[]> {
      return db
        .select()
        .from(giftCatalog)
        .where(includeInactive ? undefined : eq(giftCatalog.active, true))
        .orderBy(asc(giftCatalog.sortOrder), asc(giftCatalog.costCoins));
    },

    async findType(id: string): Promise<GiftTypeRow | undefined> {
      const [row] = await db.select().from(giftCatalog).where(eq(giftCatalog.id, id));
      return row;
    },

    async insertType(values: Omit<typeof giftCatalog.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>) {
      const [row] = await db.insert(giftCatalog).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async updateType(id: string, patch: Partial<Omit<GiftTypeRow, 'id' | 'createdAt'>>) {
      const [row] = await db
        .update(giftCatalog)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(giftCatalog.id, id))
        .returning();
      return row;
    },

    async coinsOf(userId: string): Promise<number> {
      const [row] = await db.select({ coins: users.coins }).from(users).where(eq(users.id, userId));
      return row?.coins ?? 0;
    },

    async findByIdempotencyKey(senderId: string, key: string): Promise<GiftRow | undefined> {
      const [row] = await db
        .select()
        .from(gifts)
        .where(and(eq(gifts.senderId, senderId), eq(gifts.idempotencyKey, key)));
      return row;
    },

    /** Records a gift and the sender's counters inside the caller's transaction; the coins move apart. */
    async recordGift(tx: Tx, g: Omit<typeof gifts.$inferInsert, 'id' | 'createdAt'>): Promise<GiftRow> {
      const [row] = await tx.insert(gifts).values(g).returning();
      if (!row) throw new Error('insert returned no row');
      await tx
        .update(users)
        .set({
          giftsSent: sql`${users.giftsSent} + ${g.count}`,
          coinsSpent: sql`${users.coinsSpent} + ${g.cost}`,
        })
        .where(eq(users.id, g.senderId));
      return row;
    },

    /**
     * Owes the streamer a gift's beans, `promoBeans` of them promotional. They go to the ledger and
     * to pending credits, not to the balance row: the settler updates that row in batches, so
     * concurrent senders never wait on it.
     */
    async creditBeans(tx: Tx, gift: GiftRow, promoBeans: number): Promise<void> {
      if (gift.beansValue <= 0) return;
      await tx.insert(ledgerEntries).values({
        userId: gift.recipientId,
        account: 'beans',
        delta: gift.beansValue,
        promoDelta: promoBeans,
        kind: 'gift_received',
        counterpartUserId: gift.senderId,
        streamId: gift.streamId,
        giftId: gift.id,
      });
      await tx.insert(pendingBeanCredits).values({
        streamerId: gift.recipientId,
        streamId: gift.streamId,
        giftId: gift.id,
        beans: gift.beansValue,
        promoBeans,
      });
    },

    async topGiftersOfStream(streamId: string, limit = 10) {
      return db
        .select({
          id: users.id,
          nickname: users.nickname,
          avatarUrl: users.avatarUrl,
          coins: sql<number>`sum(${gifts.cost})::int`,
        })
        .from(gifts)
        .innerJoin(users, eq(users.id, gifts.senderId))
        .where(eq(gifts.streamId, streamId))
        .groupBy(users.id)
        .orderBy(desc(sql`sum(${gifts.cost})`), asc(users.nickname))
        .limit(limit);
    },

    async topGiftersOfStreamer(streamerId: string, since: Date | undefined, limit = 10) {
      return db
        .select({
          id: users.id,
          nickname: users.nickname,
          avatarUrl: users.avatarUrl,
          coins: sql<number>`sum(${gifts.cost})::int`,
        })
        .from(gifts)
        .innerJoin(users, eq(users.id, gifts.senderId))
        .where(and(eq(gifts.recipientId, streamerId), since ? gte(gifts.createdAt, since) : undefined))
        .groupBy(users.id)
        .orderBy(desc(sql`sum(${gifts.cost})`), asc(users.nickname))
        .limit(limit);
    },
  };
}

export type GiftsRepository = ReturnType<typeof createGiftsRepository>;
