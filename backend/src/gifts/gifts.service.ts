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
import type { BlocksService } from '../blocks/blocks.service.ts';
import { AppError, notPermitted } from '../core/app-error.ts';
import type { Tx } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { utcDay } from '../limits/limits.service.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import type { Limiter } from '../platform/rate-limit.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import {
  type GiftOutcome,
  type GiftRow,
  type GiftsRepository,
  type GiftTypeRow,
  toGiftItem,
} from './gifts.repository.ts';

interface Deps {
  beansPerCoin: number;
  repo: GiftsRepository;
  streams: StreamsService;
  blocks: Pick<BlocksService, 'hasBlocked'>;
  limiter: Limiter;
  events: Pick<BusinessEvents, 'giftSent'>;
}

/** How long a node shows gift names and icons from its own copy of the catalog. */
const CATALOG_TTL_MS = 30_000;

/** Gifts of the same kind from the same sender within this window count as one combo. */
const COMBO_WINDOW_MS = 10_000;

export interface SentGift {
  gift: GiftEvent;
  coins: number;
  /** True when this was a retry of a gift already sent: nothing moved this time. */
  replay: boolean;
  streamerId: string;
}

export function createGiftsService({ beansPerCoin, repo, streams, blocks, limiter, events }: Deps) {
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

  // The catalog as this node last read it, for what a gift event shows (name, icon). Prices and
  // whether a gift is offered are decided by the database in the send itself, so a copy another
  // node's admin edit has not reached yet can only show an old name, for at most CATALOG_TTL_MS.
  let catalogCopy: { byId: Map<string, GiftTypeRow>; at: number } | undefined;
  async function catalogEntry(id: string): Promise<GiftTypeRow> {
    let entry =
      catalogCopy && Date.now() - catalogCopy.at < CATALOG_TTL_MS ? catalogCopy.byId.get(id) : undefined;
    if (!entry) {
      catalogCopy = { byId: new Map((await repo.catalog(true)).map((t) => [t.id, t])), at: Date.now() };
      entry = catalogCopy.byId.get(id);
    }
    if (!entry) throw new AppError('NOT_FOUND', 'Gift not found.');
    return entry;
  }

  async function replay(
    sender: Principal,
    row: GiftRow,
    p: { streamId: string; giftId: string; count: number },
    coinsNow?: number,
  ): Promise<SentGift> {
    if (row.streamId !== p.streamId || row.giftTypeId !== p.giftId || row.count !== p.count) {
      throw new AppError(
        'IDEMPOTENCY_CONFLICT',
        'This idempotency key was already used for a different gift.',
      );
    }
    const type = await catalogEntry(row.giftTypeId);
    const coins = coinsNow ?? (await repo.coinsOf(sender.userId));
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

    /** `tx`: the admin's transaction, so the gift and its audit row commit together. */
    async createType(input: GiftTypeInput, tx?: Tx): Promise<GiftItem> {
      const row = await repo
        .insertType(
          {
            slug: input.slug,
            name: input.name,
            icon: input.icon,
            costCoins: input.costCoins,
            beansValue: input.beansValue ?? input.costCoins * beansPerCoin,
            sortOrder: input.sortOrder ?? 0,
          },
          tx,
        )
        .catch((err: unknown) => {
          if (uniqueViolation(err) === undefined) throw err;
          throw new AppError('CONFLICT', `A gift with the slug "${input.slug}" already exists.`);
        });
      catalogCopy = undefined;
      return toGiftItem(row);
    },

    /**
     * Edits a gift; `active: false` takes it out of the catalog. Gifts are never deleted, since
     * sent gifts and ledger entries point at them. A sent gift keeps the price it was sent at.
     */
    async updateType(id: string, patch: GiftTypePatch, tx?: Tx): Promise<GiftItem> {
      const row = await repo.updateType(id, patch, tx);
      if (!row) throw new AppError('NOT_FOUND', 'No such gift.');
      catalogCopy = undefined;
      return toGiftItem(row);
    },

    /**
     * Sends a gift in one database statement (see GiftsRepository.send): the sender's coins are
     * debited (never below zero), the gift and both ledger entries are written and the streamer's
     * beans are queued for the settler. A retry with the same idempotency key returns the first
     * result and moves nothing. Only the stream's owner comes from memory, since it never changes.
     */
    async send(sender: Principal, input: SendGiftPayload): Promise<SentGift> {
      const p = { ...input, count: input.count ?? 1 };
      try {
        await limiter.consume(sender.userId);
      } catch (err) {
        // A retry of a gift that went through is answered, however fast the client retries.
        const existing = await repo.findByIdempotencyKey(sender.userId, p.idempotencyKey);
        if (existing) return replay(sender, existing, p);
        throw err;
      }
      const stream = await streams.loadCached(p.streamId);
      if (stream.streamerId === sender.userId)
        throw new AppError('FORBIDDEN', 'You cannot send a gift to yourself.');
      // The generic refusal, word for word: a blocked sender must not learn they were blocked.
      if (await blocks.hasBlocked(stream.streamerId, sender.userId)) throw notPermitted();

      let outcome: GiftOutcome;
      try {
        outcome = await repo.send({
          senderId: sender.userId,
          recipientId: stream.streamerId,
          streamId: stream.id,
          giftTypeId: p.giftId,
          count: p.count,
          idempotencyKey: p.idempotencyKey,
        });
      } catch (err) {
        // The same key sent twice at once: the loser of the race answers like a retry.
        if (uniqueViolation(err) === undefined) throw err;
        const winner = await repo.findByIdempotencyKey(sender.userId, p.idempotencyKey);
        if (!winner) throw err;
        return replay(sender, winner, p);
      }
      switch (outcome.kind) {
        case 'replay':
          return replay(sender, outcome.row, p, outcome.coins);
        case 'not-offered':
          throw new AppError('NOT_FOUND', 'This gift is not available.');
        case 'not-live':
          throw new AppError('STREAM_NOT_LIVE', 'This stream has ended; gifts can only go to live streams.');
        case 'banned':
          throw new AppError('CHAT_BANNED', 'You are banned from this channel and cannot send gifts here.');
        case 'insufficient-funds':
          throw new AppError('INSUFFICIENT_FUNDS', 'Not enough coins for this.', { account: 'coins' });
        case 'over-limit': {
          const { limit, used, requested } = outcome.refusal;
          throw new AppError('GIFT_DAILY_LIMIT', `This would pass your daily gift limit of ${limit} coins.`, {
            limit,
            used,
            requested,
            resetsAt: new Date(utcDay(new Date()).getTime() + 86_400_000).toISOString(),
          });
        }
      }
      const { row, coins, entryId } = outcome;
      const type = await catalogEntry(row.giftTypeId);
      events.giftSent({
        giftId: row.id,
        giftTypeId: row.giftTypeId,
        streamId: stream.id,
        senderId: sender.userId,
        recipientId: stream.streamerId,
        count: row.count,
        coins: row.cost,
        beans: row.beansValue,
        ledgerEntryId: entryId,
        senderCoinsAfter: coins,
      });
      const combo = comboCount(`${sender.userId}:${stream.id}:${row.giftTypeId}`, p.count);
      return {
        gift: toEvent(row, type, sender, combo),
        coins,
        replay: false,
        streamerId: stream.streamerId,
      };
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
