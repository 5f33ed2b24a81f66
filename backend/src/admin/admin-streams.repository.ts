import type { AdminChatMessage, AdminStreamGift, StreamStatus } from '@airwave/shared';
import { and, desc, eq, ilike, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { chatMessages, giftCatalog, gifts, streams, users } from '../db/schema/index.ts';
import type { StreamWithStreamer } from '../streams/streams.repository.ts';
import { iso, refOrNull, toAdminStream } from './admin.mappers.ts';
import {
  afterTime,
  pageOf,
  serialCursor,
  serialCursorOf,
  timeCursor,
  timeCursorOf,
  timeKey,
} from './admin-paging.ts';

export interface StreamFilter {
  status?: StreamStatus;
  q?: string;
  streamerId?: string;
  cursor?: string;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Streams as admins see them: banned streamers included, newest first. */
export function createAdminStreamsRepository(db: Db) {
  return {
    async list(f: StreamFilter) {
      const cursor = timeCursor(f.cursor);
      const rows = await db
        .select({
          stream: streams,
          streamer: { id: users.id, nickname: users.nickname, avatarUrl: users.avatarUrl },
          sortKey: timeKey(streams.startedAt),
        })
        .from(streams)
        .innerJoin(users, eq(users.id, streams.streamerId))
        .where(
          and(
            f.status ? eq(streams.status, f.status) : undefined,
            f.streamerId ? eq(streams.streamerId, f.streamerId) : undefined,
            f.q
              ? or(
                  ilike(streams.title, `%${escapeLike(f.q)}%`),
                  ilike(users.nickname, `%${escapeLike(f.q)}%`),
                )
              : undefined,
            afterTime(streams.startedAt, streams.id, cursor),
          ),
        )
        .orderBy(desc(streams.startedAt), desc(streams.id))
        .limit(f.limit + 1);
      return pageOf(
        rows,
        f.limit,
        (r) => toAdminStream({ ...r.stream, streamer: r.streamer } satisfies StreamWithStreamer),
        (r) => timeCursorOf({ sortKey: r.sortKey, id: r.stream.id }),
      );
    },

    /** Every message of a stream, deleted ones included, newest first. */
    async chat(streamId: string, cursor: string | undefined, limit: number) {
      const before = serialCursor(cursor);
      const deleter = alias(users, 'deleter');
      const rows = await db
        .select({
          id: chatMessages.id,
          text: chatMessages.text,
          createdAt: chatMessages.createdAt,
          deletedAt: chatMessages.deletedAt,
          author: { id: users.id, nickname: users.nickname },
          deletedBy: { id: deleter.id, nickname: deleter.nickname },
        })
        .from(chatMessages)
        .innerJoin(users, eq(users.id, chatMessages.authorId))
        .leftJoin(deleter, eq(deleter.id, chatMessages.deletedBy))
        .where(
          and(
            eq(chatMessages.streamId, streamId),
            before !== undefined ? lt(chatMessages.id, before) : undefined,
          ),
        )
        .orderBy(desc(chatMessages.id))
        .limit(limit + 1);
      return pageOf(
        rows,
        limit,
        (r): AdminChatMessage => ({
          id: r.id,
          author: r.author,
          text: r.text,
          createdAt: r.createdAt.toISOString(),
          deletedAt: iso(r.deletedAt),
          deletedBy: refOrNull(r.deletedBy),
        }),
        serialCursorOf,
      );
    },

    async gifts(streamId: string, cursor: string | undefined, limit: number) {
      const after = timeCursor(cursor);
      const rows = await db
        .select({
          id: gifts.id,
          count: gifts.count,
          cost: gifts.cost,
          beans: gifts.beansValue,
          createdAt: gifts.createdAt,
          sortKey: timeKey(gifts.createdAt),
          sender: { id: users.id, nickname: users.nickname },
          gift: { id: giftCatalog.id, name: giftCatalog.name, icon: giftCatalog.icon },
        })
        .from(gifts)
        .innerJoin(users, eq(users.id, gifts.senderId))
        .innerJoin(giftCatalog, eq(giftCatalog.id, gifts.giftTypeId))
        .where(and(eq(gifts.streamId, streamId), afterTime(gifts.createdAt, gifts.id, after)))
        .orderBy(desc(gifts.createdAt), desc(gifts.id))
        .limit(limit + 1);
      return pageOf(
        rows,
        limit,
        (r): AdminStreamGift => ({
          id: r.id,
          sender: r.sender,
          gift: r.gift,
          count: r.count,
          costCoins: r.cost,
          beans: r.beans,
          createdAt: r.createdAt.toISOString(),
        }),
        timeCursorOf,
      );
    },
  };
}

export type AdminStreamsRepository = ReturnType<typeof createAdminStreamsRepository>;
