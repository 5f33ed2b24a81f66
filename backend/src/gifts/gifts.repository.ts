import type { GiftItem } from '@airwave/shared';
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { giftCatalog, gifts, users } from '../db/schema/index.ts';
import { type GiftSend, type GiftSendRow, giftSendStatement } from '../ledger/gift-send.ts';
import { type GiftCapRefusal, giftCapRefusal } from '../limits/gift-cap.ts';

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

export type GiftOutcome =
  | { kind: 'sent'; row: GiftRow; coins: number; entryId: number }
  | { kind: 'replay'; row: GiftRow; coins: number }
  | { kind: 'not-offered' | 'not-live' | 'banned' | 'insufficient-funds' }
  | { kind: 'over-limit'; refusal: GiftCapRefusal };

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

    async insertType(
      values: Omit<typeof giftCatalog.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
      q: Db | Tx = db,
    ) {
      const [row] = await q.insert(giftCatalog).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async updateType(id: string, patch: Partial<Omit<GiftTypeRow, 'id' | 'createdAt'>>, q: Db | Tx = db) {
      const [row] = await q
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

    /** One gift, one round trip: the statement is the ledger module's (see ledger/gift-send.ts). */
    async send(g: GiftSend): Promise<GiftOutcome> {
      let result: { rows: GiftSendRow[] };
      try {
        result = (await db.execute(giftSendStatement(g))) as unknown as { rows: GiftSendRow[] };
      } catch (err) {
        // The daily gift cap is a trigger on the gift insert (migration 0010): its refusal undid
        // the whole statement, debit and ledger rows included.
        const refusal = giftCapRefusal(err);
        if (refusal) return { kind: 'over-limit', refusal };
        throw err;
      }
      const r = result.rows[0];
      if (!r) throw new Error('the gift statement returned no row');
      const row: GiftRow | undefined =
        r.id === null
          ? undefined
          : {
              id: r.id,
              senderId: g.senderId,
              recipientId: String(r.recipient_id),
              streamId: String(r.stream_id),
              giftTypeId: String(r.gift_type_id),
              count: Number(r.count),
              cost: Number(r.cost),
              beansValue: Number(r.beans_value),
              idempotencyKey: g.idempotencyKey,
              createdAt: new Date(r.created_at as string | Date),
            };
      const coins = Number(r.coins ?? 0);
      if (r.replay && row) return { kind: 'replay', row, coins };
      if (!r.offered) return { kind: 'not-offered' };
      if (!r.live) return { kind: 'not-live' };
      if (r.banned) return { kind: 'banned' };
      if (!row) return { kind: 'insufficient-funds' };
      return { kind: 'sent', row, coins, entryId: Number(r.entry_id) };
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
