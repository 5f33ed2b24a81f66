import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { streams } from './streams.ts';
import { users } from './users.ts';

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** Stored and served as plain text; clients never render it as HTML. */
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('chat_messages_stream_id_idx').on(t.streamId, t.id),
    index('chat_messages_author_idx').on(t.authorId),
  ],
);

export const bannedWordsActionEnum = pgEnum('banned_words_action', ['block', 'mask']);

/** Chat rules of a streamer's channel; they carry over from one stream to the next. */
export const channelSettings = pgTable('channel_settings', {
  streamerId: uuid('streamer_id')
    .primaryKey()
    .references(() => users.id),
  slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
  registeredOnly: boolean('registered_only').notNull().default(false),
  /** The account-age gate of registered-only mode; a day unless the streamer chooses otherwise. */
  minAccountAgeMinutes: integer('min_account_age_minutes').notNull().default(1440),
  followersOnly: boolean('followers_only').notNull().default(false),
  /** How long a viewer must have followed the channel to write in followers-only mode. */
  minFollowAgeMinutes: integer('min_follow_age_minutes').notNull().default(0),
  bannedWords: text('banned_words').array().notNull().default(sql`'{}'::text[]`),
  bannedWordsAction: bannedWordsActionEnum('banned_words_action').notNull().default('block'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Words refused in every channel (managed by admins). */
export const globalBannedWords = pgTable('global_banned_words', {
  word: text('word').primaryKey(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const channelModerators = pgTable(
  'channel_moderators',
  {
    streamerId: uuid('streamer_id')
      .notNull()
      .references(() => users.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.streamerId, t.userId] })],
);

export const restrictionKindEnum = pgEnum('chat_restriction_kind', ['ban', 'timeout']);

/** A user's ban or timeout in one channel; `until` is null for a ban that lasts until lifted. */
export const channelRestrictions = pgTable(
  'channel_restrictions',
  {
    streamerId: uuid('streamer_id')
      .notNull()
      .references(() => users.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: restrictionKindEnum('kind').notNull(),
    until: timestamp('until', { withTimezone: true }),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.streamerId, t.userId] })],
);

/** Every moderation action and report, with who, when and why; the admin panel reads it. */
export const moderationLog = pgTable(
  'moderation_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    streamerId: uuid('streamer_id')
      .notNull()
      .references(() => users.id),
    streamId: uuid('stream_id').references(() => streams.id),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    targetUserId: uuid('target_user_id').references(() => users.id),
    messageId: bigint('message_id', { mode: 'number' }).references(() => chatMessages.id),
    reason: text('reason'),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('moderation_log_channel_idx').on(t.streamerId, t.createdAt),
    index('moderation_log_created_idx').on(t.createdAt),
  ],
);

export const reportStatusEnum = pgEnum('report_status', ['open', 'resolved', 'dismissed']);

export const messageReports = pgTable(
  'message_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => chatMessages.id),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: reportStatusEnum('status').notNull().default('open'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('message_reports_once_per_reporter_uq').on(t.messageId, t.reporterId),
    index('message_reports_status_idx').on(t.status, t.createdAt),
  ],
);
