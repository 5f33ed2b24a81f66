import type {
  GiftCatalog,
  GiftEvent,
  GiftItem,
  GiftTypeInput,
  GiftTypePatch,
  Principal,
  SendGiftPayload,
  TopGifters,
} from '@airwave/shared';
import type { ChatRepository } from '../chat/chat.repository.ts';
import type { Db } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { AppError } from '../http/errors.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import type { Limiter } from '../platform/rate-limit.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { postLedgerMovement } from '../wallet/ledger.repository.ts';
import { type GiftRow, type GiftsRepository, type GiftTypeRow, toGiftItem } from './gifts.repository.ts';

interface Deps {
  db: Db;
  beansPerCoin: number;
  repo: GiftsRepository;
  streams: StreamsService;
  chatRepo: ChatRepository;
  limiter: Limiter;
  events: Pick<BusinessEvents, 'giftSent'>;
}

/** Gifts of the same kind from the same sender within this window count as one combo. */
const COMBO_WINDOW_MS = 10_000;

/** The beans a gift's promo coins paid for, rounded up: a fraction of a promo coin never becomes cash. */
export const promoShare = (beans: number, promoCoins: number, cost: number) =>
  Math.min(beans, Math.ceil((beans * promoCoins) / cost));

export interface SentGift {
  gift: GiftEvent;
  coins: number;
  /** True when this was a retry of a gift already sent: nothing moved this time. */
  replay: boolean;
  streamerId: string;
}

export function createGiftsService({ db, beansPerCoin, repo, streams, chatRepo, limiter, events }: Deps) {
  const combos = new Map<string, { count: number; at: number }>();

  function comboCount(key: string, count: number): number {
    const now = Date.now();
    const prev = combos.get(key);
    const total = prev && now - prev.at < COMBO_WINDOW_MS ? prev.count + count : count;
    combos.set(key, { count: total, at: now });
    if (combos.size > 10_000) {
      for (const [k, v] of combos) if (now - v.at >= COMBO_WINDOW_MS) combos.delete(k);
    }
    return total;
  }

  function toEvent(row: GiftRow, type: GiftTypeRow, sender: Principal, combo: number): GiftEvent {
    return {
      id: row.id,
      streamId: row.streamId,
      sender: { id: sender.userId, nickname: sender.nickname },
      gift: { id: type.id, name: type.name, icon: type.icon },
      count: row.count,
      comboCount: combo,
      costCoins: row.cost,
      beans: row.beansValue,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function replay(
    sender: Principal,
    row: GiftRow,
    p: { streamId: string; giftId: string; count: number },
  ): Promise<SentGift> {
    if (row.streamId !== p.streamId || row.giftTypeId !== p.giftId || row.count !== p.count) {
      throw new AppError(
        'IDEMPOTENCY_CONFLICT',
        'This idempotency key was already used for a different gift.',
      );
    }
    const type = await repo.findType(row.giftTypeId);
    if (!type) throw new AppError('NOT_FOUND', 'Gift not found.');
    const coins = await repo.coinsOf(sender.userId);
    return { gift: toEvent(row, type, sender, row.count), coins, replay: true, streamerId: row.recipientId };
  }

  return {
    async catalog(): Promise<GiftCatalog> {
      return { items: (await repo.catalog()).map(toGiftItem) };
    },

    // The catalog's admin side; the admin panel's routes call these (and audit them).
    async fullCatalog(): Promise<GiftCatalog> {
      return { items: (await repo.catalog(true)).map(toGiftItem) };
    },

    async createType(input: GiftTypeInput): Promise<GiftItem> {
      const row = await repo
        .insertType({
          slug: input.slug,
          name: input.name,
          icon: input.icon,
          costCoins: input.costCoins,
          beansValue: input.beansValue ?? input.costCoins * beansPerCoin,
          sortOrder: input.sortOrder ?? 0,
        })
        .catch((err: unknown) => {
          if (uniqueViolation(err) === undefined) throw err;
          throw new AppError('CONFLICT', `A gift with the slug "${input.slug}" already exists.`);
        });
      return toGiftItem(row);
    },

    /**
     * Edits a gift; `active: false` takes it out of the catalog. Gifts are never deleted, since
     * sent gifts and ledger entries point at them. A sent gift keeps the price it was sent at.
     */
    async updateType(id: string, patch: GiftTypePatch): Promise<GiftItem> {
      const row = await repo.updateType(id, patch);
      if (!row) throw new AppError('NOT_FOUND', 'No such gift.');
      return toGiftItem(row);
    },

    /**
     * Sends a gift: in one transaction the sender's coins are debited (never below zero), the
     * gift and both ledger entries are written and the streamer's beans are queued for the
     * settler. A retry with the same idempotency key returns the first result and moves nothing.
     */
    async send(sender: Principal, input: SendGiftPayload): Promise<SentGift> {
      const p = { ...input, count: input.count ?? 1 };
      const existing = await repo.findByIdempotencyKey(sender.userId, p.idempotencyKey);
      if (existing) return replay(sender, existing, p);
      await limiter.consume(sender.userId);

      const type = await repo.findType(p.giftId);
      if (!type?.active) throw new AppError('NOT_FOUND', 'This gift is not available.');
      const stream = await streams.load(p.streamId);
      if (stream.status !== 'live')
        throw new AppError('STREAM_NOT_LIVE', 'This stream has ended; gifts can only go to live streams.');
      if (stream.streamerId === sender.userId)
        throw new AppError('FORBIDDEN', 'You cannot send a gift to yourself.');
      const restriction = await chatRepo.activeRestriction(stream.streamerId, sender.userId);
      if (restriction?.kind === 'ban')
        throw new AppError('CHAT_BANNED', 'You are banned from this channel and cannot send gifts here.');

      const cost = type.costCoins * p.count;
      try {
        const { row, coins, entryId } = await db.transaction(async (tx) => {
          const row = await repo.recordGift(tx, {
            senderId: sender.userId,
            recipientId: stream.streamerId,
            streamId: stream.id,
            giftTypeId: type.id,
            count: p.count,
            cost,
            beansValue: type.beansValue * p.count,
            idempotencyKey: p.idempotencyKey,
          });
          // Promo coins go first, and the beans they buy stay promotional (never withdrawable).
          const spent = await postLedgerMovement(tx, {
            userId: sender.userId,
            account: 'coins',
            delta: -cost,
            promo: 'first',
            kind: 'gift_sent',
            counterpartUserId: stream.streamerId,
            streamId: stream.id,
            giftId: row.id,
          });
          await repo.creditBeans(tx, row, promoShare(row.beansValue, -spent.promoDelta, cost));
          return { row, coins: spent.balance, entryId: spent.entryId };
        });
        events.giftSent({
          giftId: row.id,
          giftTypeId: type.id,
          streamId: stream.id,
          senderId: sender.userId,
          recipientId: stream.streamerId,
          count: row.count,
          coins: row.cost,
          beans: row.beansValue,
          ledgerEntryId: entryId,
          senderCoinsAfter: coins,
        });
        const combo = comboCount(`${sender.userId}:${stream.id}:${type.id}`, p.count);
        return {
          gift: toEvent(row, type, sender, combo),
          coins,
          replay: false,
          streamerId: stream.streamerId,
        };
      } catch (err) {
        // The same key sent twice at once: the loser of the race answers like a retry.
        if (uniqueViolation(err) === undefined) throw err;
        const winner = await repo.findByIdempotencyKey(sender.userId, p.idempotencyKey);
        if (!winner) throw err;
        return replay(sender, winner, p);
      }
    },

    async topGiftersOfStream(streamId: string): Promise<TopGifters> {
      const rows = await repo.topGiftersOfStream(streamId);
      return {
        items: rows.map((r) => ({
          user: { id: r.id, nickname: r.nickname, avatarUrl: r.avatarUrl },
          coins: r.coins,
        })),
      };
    },

    async topGiftersOfStreamer(streamerId: string, period: 'all' | 'week'): Promise<TopGifters> {
      const since = period === 'week' ? new Date(Date.now() - 7 * 86_400_000) : undefined;
      const rows = await repo.topGiftersOfStreamer(streamerId, since);
      return {
        items: rows.map((r) => ({
          user: { id: r.id, nickname: r.nickname, avatarUrl: r.avatarUrl },
          coins: r.coins,
        })),
      };
    },
  };
}

export type GiftsService = ReturnType<typeof createGiftsService>;
