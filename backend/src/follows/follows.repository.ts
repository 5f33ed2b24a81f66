import type { FollowedChannel } from '@airwave/shared';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { follows, streams, users } from '../db/schema/index.ts';

/** The longest "following" list one answer carries; live channels come first, so they are always in it. */
export const FOLLOWING_LIST_LIMIT = 500;

export function createFollowsRepository(db: Db) {
  return {
    /** A channel anyone may see: an account that exists and is not banned. */
    async channelExists(streamerId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, streamerId), isNull(users.bannedAt)));
      return Boolean(row);
    },

    /** Adds the follow unless it exists (its first date is kept). */
    async follow(followerId: string, streamerId: string): Promise<void> {
      await db.insert(follows).values({ followerId, streamerId }).onConflictDoNothing();
    },

    async unfollow(followerId: string, streamerId: string): Promise<void> {
      await db
        .delete(follows)
        .where(and(eq(follows.followerId, followerId), eq(follows.streamerId, streamerId)));
    },

    async followerCount(streamerId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(follows).where(eq(follows.streamerId, streamerId));
      return row?.n ?? 0;
    },

    /** When `followerId` started following the channel, or null. */
    async followedAt(followerId: string, streamerId: string): Promise<Date | null> {
      const [row] = await db
        .select({ createdAt: follows.createdAt })
        .from(follows)
        .where(and(eq(follows.followerId, followerId), eq(follows.streamerId, streamerId)));
      return row?.createdAt ?? null;
    },

    /** One follower's channels: live first (most viewers first), then by nickname; banned ones left out. */
    async following(followerId: string): Promise<FollowedChannel[]> {
      const rows = await db
        .select({
          id: users.id,
          nickname: users.nickname,
          avatarUrl: users.avatarUrl,
          followedAt: follows.createdAt,
          streamId: streams.id,
          title: streams.title,
          viewerCount: streams.viewerCount,
          startedAt: streams.startedAt,
        })
        .from(follows)
        .innerJoin(users, eq(users.id, follows.streamerId))
        .leftJoin(streams, and(eq(streams.streamerId, follows.streamerId), eq(streams.status, 'live')))
        .where(and(eq(follows.followerId, followerId), isNull(users.bannedAt)))
        .orderBy(sql`${streams.id} is null`, desc(streams.viewerCount), asc(users.nickname))
        .limit(FOLLOWING_LIST_LIMIT);
      return rows.map((r) => ({
        streamer: { id: r.id, nickname: r.nickname, avatarUrl: r.avatarUrl },
        followedAt: r.followedAt.toISOString(),
        live:
          r.streamId && r.title !== null && r.viewerCount !== null && r.startedAt
            ? {
                streamId: r.streamId,
                title: r.title,
                viewerCount: r.viewerCount,
                startedAt: r.startedAt.toISOString(),
              }
            : null,
      }));
    },
  };
}

export type FollowsRepository = ReturnType<typeof createFollowsRepository>;
