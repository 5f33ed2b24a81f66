import { Id, type ListStreamsQuery, type StreamStatus } from '@airwave/shared';
import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.ts';
import { streams, users } from '../db/schema/index.ts';

export type StreamRow = typeof streams.$inferSelect;
export type StreamWithStreamer = StreamRow & {
  streamer: { id: string; nickname: string; avatarUrl: string | null };
};

const selection = {
  stream: streams,
  streamer: { id: users.id, nickname: users.nickname, avatarUrl: users.avatarUrl },
};

/**
 * Keyset cursor: the sort key and id of the last row of the previous page. Live lists sort on the
 * int4 viewer count, ended ones on the start time in epoch seconds (a fraction), so each status
 * bounds `k` to what its comparison accepts.
 */
const CURSOR = {
  live: z.object({ k: z.number().int().min(0).max(2_147_483_647), id: Id }).strict(),
  ended: z.object({ k: z.number().min(0).max(1e11), id: Id }).strict(),
} satisfies Record<StreamStatus, z.ZodType>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export function createStreamsRepository(db: Db) {
  const flatten = (r: {
    stream: StreamRow;
    streamer: StreamWithStreamer['streamer'];
  }): StreamWithStreamer => ({
    ...r.stream,
    streamer: r.streamer,
  });

  return {
    async insert(values: Pick<StreamRow, 'streamerId' | 'title' | 'description' | 'category' | 'webrtc'>) {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(streams).values(values).returning();
        if (!row) throw new Error('insert returned no row');
        await tx
          .update(users)
          .set({ streamsCount: sql`${users.streamsCount} + 1` })
          .where(eq(users.id, values.streamerId));
        return row;
      });
    },

    /** Live streams and their (last counted) viewers per media mode, for /metrics. */
    async liveByMode(): Promise<Array<{ mode: string; streams: number; viewers: number }>> {
      return db
        .select({
          mode: sql<string>`coalesce(${streams.webrtc}->>'mode', 'p2p')`,
          streams: sql<number>`count(*)::int`,
          viewers: sql<number>`coalesce(sum(${streams.viewerCount}), 0)::int`,
        })
        .from(streams)
        .where(eq(streams.status, 'live'))
        .groupBy(sql`1`);
    },

    async findById(id: string): Promise<StreamWithStreamer | undefined> {
      const [row] = await db
        .select(selection)
        .from(streams)
        .innerJoin(users, eq(users.id, streams.streamerId))
        .where(eq(streams.id, id));
      return row && flatten(row);
    },

    async findLiveByStreamer(streamerId: string): Promise<StreamRow | undefined> {
      const [row] = await db
        .select()
        .from(streams)
        .where(and(eq(streams.streamerId, streamerId), eq(streams.status, 'live')));
      return row;
    },

    /** Live streams by audience (most watched first); ended ones newest first. Keyset-paginated. */
    async list(
      q: Required<Pick<ListStreamsQuery, 'status' | 'limit'>> & Omit<ListStreamsQuery, 'status' | 'limit'>,
    ) {
      const live = q.status === 'live';
      const key = live
        ? sql<number>`${streams.viewerCount}`
        : sql<number>`extract(epoch from ${streams.startedAt})`;
      const cursor = q.cursor ? decodeCursor(CURSOR[q.status], q.cursor) : undefined;
      const where = and(
        eq(streams.status, q.status),
        sql`${users.bannedAt} is null`,
        q.category ? eq(streams.category, q.category) : undefined,
        q.streamerId ? eq(streams.streamerId, q.streamerId) : undefined,
        q.q
          ? or(ilike(streams.title, `%${escapeLike(q.q)}%`), ilike(users.nickname, `%${escapeLike(q.q)}%`))
          : undefined,
        cursor ? or(lt(key, cursor.k), and(eq(key, cursor.k), lt(streams.id, cursor.id))) : undefined,
      );
      const rows = await db
        .select({ ...selection, sortKey: key })
        .from(streams)
        .innerJoin(users, eq(users.id, streams.streamerId))
        .where(where)
        .orderBy(desc(key), desc(streams.id))
        .limit(Number(q.limit) + 1);
      const page = rows.slice(0, Number(q.limit));
      const last = page.at(-1);
      return {
        items: page.map(flatten),
        nextCursor:
          rows.length > page.length && last
            ? encodeCursor({ k: Number(last.sortKey), id: last.stream.id })
            : null,
      };
    },

    async update(
      id: string,
      patch: Partial<Pick<StreamRow, 'title' | 'description' | 'category' | 'thumbnailPath'>>,
    ) {
      const [row] = await db
        .update(streams)
        .set(patch)
        .where(eq(streams.id, id))
        .returning({ id: streams.id });
      return row;
    },

    /** Ends a live stream once; returns undefined if it was already ended. */
    /** Ends a live stream; `record` runs in the same transaction, only when this call ended it. */
    async end(id: string, reason: string, record?: (tx: Tx) => Promise<void>) {
      const endIn = async (q: Db | Tx) => {
        const [row] = await q
          .update(streams)
          .set({ status: 'ended', endedAt: new Date(), endedReason: reason, viewerCount: 0 })
          .where(and(eq(streams.id, id), eq(streams.status, 'live')))
          .returning({ id: streams.id });
        return row;
      };
      if (!record) return endIn(db);
      return db.transaction(async (tx) => {
        const row = await endIn(tx);
        if (row) await record(tx);
        return row;
      });
    },

    /** Moves a live stream's media from one path to the other; false if it was not on `from` (or ended). */
    async switchMediaPath(id: string, from: string, to: string): Promise<boolean> {
      const rows = await db
        .update(streams)
        .set({ webrtc: sql`jsonb_set(${streams.webrtc}, '{mode}', to_jsonb(${to}::text))` })
        .where(
          and(
            eq(streams.id, id),
            eq(streams.status, 'live'),
            sql`coalesce(${streams.webrtc}->>'mode', 'p2p') = ${from}`,
          ),
        )
        .returning({ id: streams.id });
      return rows.length > 0;
    },

    async setViewerCount(id: string, viewerCount: number) {
      await db
        .update(streams)
        .set({ viewerCount, peakViewers: sql`greatest(${streams.peakViewers}, ${viewerCount})` })
        .where(and(eq(streams.id, id), eq(streams.status, 'live')));
    },

    /** Live streams that started before `startedBefore` (candidates for the orphan sweep). */
    async liveStartedBefore(startedBefore: Date): Promise<string[]> {
      const rows = await db
        .select({ id: streams.id })
        .from(streams)
        .where(and(eq(streams.status, 'live'), lt(streams.startedAt, startedBefore)));
      return rows.map((r) => r.id);
    },

    async liveCountsByCategory() {
      return db
        .select({ category: streams.category, n: sql<number>`count(*)::int` })
        .from(streams)
        .where(eq(streams.status, 'live'))
        .groupBy(streams.category);
    },

    async promoteToStreamer(userId: string) {
      await db
        .update(users)
        .set({ role: 'streamer', updatedAt: new Date() })
        .where(and(eq(users.id, userId), eq(users.role, 'user')));
    },
  };
}

export type StreamsRepository = ReturnType<typeof createStreamsRepository>;
