import type { ChatMessage, ChatSettings } from '@airwave/shared';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  channelModerators,
  channelRestrictions,
  channelSettings,
  chatMessages,
  follows,
  globalBannedWords,
  messageReports,
  moderationLog,
  streams,
  users,
} from '../db/schema/index.ts';

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  slowModeSeconds: 0,
  registeredOnly: false,
  minAccountAgeMinutes: 1440,
  followersOnly: false,
  minFollowAgeMinutes: 0,
  bannedWords: [],
  bannedWordsAction: 'block',
};

export type Restriction = typeof channelRestrictions.$inferSelect;
export type ModerationLogEntry = Omit<typeof moderationLog.$inferInsert, 'id' | 'createdAt'>;

/** A ban, or a timeout that has not run out yet. */
const stillActive = (r: Restriction) => !(r.kind === 'timeout' && r.until && r.until <= new Date());

export function createChatRepository(db: Db) {
  const messageSelection = {
    id: chatMessages.id,
    streamId: chatMessages.streamId,
    text: chatMessages.text,
    createdAt: chatMessages.createdAt,
    authorId: users.id,
    nickname: users.nickname,
    role: users.role,
    streamerId: streams.streamerId,
    channelModerator: sql<boolean>`${channelModerators.userId} is not null`,
  };
  interface Row {
    id: number;
    streamId: string;
    text: string;
    createdAt: Date;
    authorId: string;
    nickname: string;
    role: string;
    streamerId: string;
    channelModerator: boolean;
  }

  const toMessage = (r: Row): ChatMessage => ({
    id: r.id,
    streamId: r.streamId,
    text: r.text,
    createdAt: r.createdAt.toISOString(),
    author: { id: r.authorId, nickname: r.nickname, badge: badgeFor(r) },
  });

  function messagesQuery() {
    return db
      .select(messageSelection)
      .from(chatMessages)
      .innerJoin(users, eq(users.id, chatMessages.authorId))
      .innerJoin(streams, eq(streams.id, chatMessages.streamId))
      .leftJoin(
        channelModerators,
        and(
          eq(channelModerators.streamerId, streams.streamerId),
          eq(channelModerators.userId, chatMessages.authorId),
        ),
      );
  }

  return {
    /** The latest `limit` visible messages, oldest first. */
    async recent(streamId: string, limit: number): Promise<ChatMessage[]> {
      const rows = await messagesQuery()
        .where(and(eq(chatMessages.streamId, streamId), isNull(chatMessages.deletedAt)))
        .orderBy(desc(chatMessages.id))
        .limit(limit);
      return rows.reverse().map(toMessage);
    },

    /** Visible messages after `sinceId`, oldest first: what a reconnecting client missed. */
    async since(streamId: string, sinceId: number, limit: number): Promise<ChatMessage[]> {
      const rows = await messagesQuery()
        .where(
          and(
            eq(chatMessages.streamId, streamId),
            isNull(chatMessages.deletedAt),
            gt(chatMessages.id, sinceId),
          ),
        )
        .orderBy(asc(chatMessages.id))
        .limit(limit);
      return rows.map(toMessage);
    },

    async findMessage(id: number) {
      const [row] = await db.select().from(chatMessages).where(eq(chatMessages.id, id));
      return row;
    },

    /** Stores a message and bumps the stream's counter in one statement (one round trip, atomic). */
    async insertMessage(
      streamId: string,
      authorId: string,
      text: string,
    ): Promise<{ id: number; createdAt: Date }> {
      const result = (await db.execute(sql`
        WITH message AS (
          INSERT INTO chat_messages (stream_id, author_id, text)
          VALUES (${streamId}::uuid, ${authorId}::uuid, ${text}::text)
          RETURNING id, created_at
        ),
        counted AS (
          UPDATE streams SET chat_messages_count = chat_messages_count + 1 WHERE id = ${streamId}::uuid
        )
        SELECT id, created_at FROM message
      `)) as unknown as { rows: Array<{ id: string | number; created_at: string | Date }> };
      const row = result.rows[0];
      if (!row) throw new Error('insert returned no row');
      return { id: Number(row.id), createdAt: new Date(row.created_at) };
    },

    /**
     * Everything the chat rules ask about one author in one channel, in one query: the channel's
     * settings, whether they moderate it, their restriction (expired timeouts left out), when
     * their account was made and since when they follow the channel. Undefined when there is no such user.
     */
    async authorStanding(streamerId: string, userId: string) {
      const [row] = await db
        .select({
          slowModeSeconds: channelSettings.slowModeSeconds,
          registeredOnly: channelSettings.registeredOnly,
          minAccountAgeMinutes: channelSettings.minAccountAgeMinutes,
          followersOnly: channelSettings.followersOnly,
          minFollowAgeMinutes: channelSettings.minFollowAgeMinutes,
          bannedWords: channelSettings.bannedWords,
          bannedWordsAction: channelSettings.bannedWordsAction,
          moderator: sql<boolean>`${channelModerators.userId} is not null`,
          restriction: channelRestrictions,
          memberSince: users.createdAt,
          followingSince: follows.createdAt,
        })
        .from(users)
        .leftJoin(channelSettings, eq(channelSettings.streamerId, streamerId))
        .leftJoin(
          channelModerators,
          and(eq(channelModerators.streamerId, streamerId), eq(channelModerators.userId, users.id)),
        )
        .leftJoin(
          channelRestrictions,
          and(eq(channelRestrictions.streamerId, streamerId), eq(channelRestrictions.userId, users.id)),
        )
        .leftJoin(follows, and(eq(follows.streamerId, streamerId), eq(follows.followerId, users.id)))
        .where(eq(users.id, userId));
      if (!row) return undefined;
      const settings: ChatSettings =
        row.slowModeSeconds === null ||
        row.registeredOnly === null ||
        row.minAccountAgeMinutes === null ||
        row.followersOnly === null ||
        row.minFollowAgeMinutes === null ||
        row.bannedWords === null ||
        row.bannedWordsAction === null
          ? DEFAULT_CHAT_SETTINGS
          : {
              slowModeSeconds: row.slowModeSeconds,
              registeredOnly: row.registeredOnly,
              minAccountAgeMinutes: row.minAccountAgeMinutes,
              followersOnly: row.followersOnly,
              minFollowAgeMinutes: row.minFollowAgeMinutes,
              bannedWords: row.bannedWords,
              bannedWordsAction: row.bannedWordsAction,
            };
      return {
        settings,
        moderator: row.moderator,
        restriction: row.restriction && stillActive(row.restriction) ? row.restriction : undefined,
        memberSince: row.memberSince,
        followingSince: row.followingSince,
      };
    },

    async markDeleted(id: number, deletedBy: string): Promise<boolean> {
      const rows = await db
        .update(chatMessages)
        .set({ deletedAt: new Date(), deletedBy })
        .where(and(eq(chatMessages.id, id), isNull(chatMessages.deletedAt)))
        .returning({ id: chatMessages.id });
      return rows.length > 0;
    },

    async settings(streamerId: string): Promise<ChatSettings> {
      const [row] = await db.select().from(channelSettings).where(eq(channelSettings.streamerId, streamerId));
      if (!row) return DEFAULT_CHAT_SETTINGS;
      return {
        slowModeSeconds: row.slowModeSeconds,
        registeredOnly: row.registeredOnly,
        minAccountAgeMinutes: row.minAccountAgeMinutes,
        followersOnly: row.followersOnly,
        minFollowAgeMinutes: row.minFollowAgeMinutes,
        bannedWords: row.bannedWords,
        bannedWordsAction: row.bannedWordsAction,
      };
    },

    async saveSettings(streamerId: string, settings: ChatSettings): Promise<void> {
      const values = { ...settings, updatedAt: new Date() };
      await db
        .insert(channelSettings)
        .values({ streamerId, ...values })
        .onConflictDoUpdate({ target: channelSettings.streamerId, set: values });
    },

    async globalBannedWords(): Promise<string[]> {
      return (await db.select({ word: globalBannedWords.word }).from(globalBannedWords)).map((r) => r.word);
    },

    /** A ban, or a timeout that has not run out yet. */
    async activeRestriction(streamerId: string, userId: string): Promise<Restriction | undefined> {
      const [row] = await db
        .select()
        .from(channelRestrictions)
        .where(and(eq(channelRestrictions.streamerId, streamerId), eq(channelRestrictions.userId, userId)));
      return row && stillActive(row) ? row : undefined;
    },

    async restrict(r: Omit<Restriction, 'createdAt'>): Promise<void> {
      const set = {
        kind: r.kind,
        until: r.until,
        reason: r.reason,
        createdBy: r.createdBy,
        createdAt: new Date(),
      };
      await db
        .insert(channelRestrictions)
        .values(r)
        .onConflictDoUpdate({ target: [channelRestrictions.streamerId, channelRestrictions.userId], set });
    },

    async lift(streamerId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(channelRestrictions)
        .where(and(eq(channelRestrictions.streamerId, streamerId), eq(channelRestrictions.userId, userId)))
        .returning({ userId: channelRestrictions.userId });
      return rows.length > 0;
    },

    async isChannelModerator(streamerId: string, userId: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: channelModerators.userId })
        .from(channelModerators)
        .where(and(eq(channelModerators.streamerId, streamerId), eq(channelModerators.userId, userId)));
      return Boolean(row);
    },

    async setModerator(streamerId: string, userId: string, enabled: boolean, by: string): Promise<void> {
      if (enabled) {
        await db
          .insert(channelModerators)
          .values({ streamerId, userId, createdBy: by })
          .onConflictDoNothing();
      } else {
        await db
          .delete(channelModerators)
          .where(and(eq(channelModerators.streamerId, streamerId), eq(channelModerators.userId, userId)));
      }
    },

    /** Who a moderation action would hit: null when there is no such user. */
    async member(userId: string): Promise<{ role: string; createdAt: Date } | null> {
      const [row] = await db
        .select({ role: users.role, createdAt: users.createdAt })
        .from(users)
        .where(eq(users.id, userId));
      return row ?? null;
    },

    async log(entry: ModerationLogEntry): Promise<void> {
      await db.insert(moderationLog).values(entry);
    },

    /** Records a report once per reporter and message; returns false for a repeat. */
    async report(r: {
      messageId: number;
      streamId: string;
      reporterId: string;
      reason: string;
    }): Promise<boolean> {
      const rows = await db
        .insert(messageReports)
        .values(r)
        .onConflictDoNothing()
        .returning({ id: messageReports.id });
      return rows.length > 0;
    },
  };
}

export type ChatRepository = ReturnType<typeof createChatRepository>;

function badgeFor(r: {
  authorId: string;
  streamerId: string;
  role: string;
  channelModerator: boolean;
}): ChatMessage['author']['badge'] {
  if (r.authorId === r.streamerId) return 'streamer';
  if (r.role === 'admin') return 'admin';
  if (r.role === 'moderator' || r.channelModerator) return 'moderator';
  return null;
}
