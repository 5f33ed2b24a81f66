import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const streamStatusEnum = pgEnum('stream_status', ['live', 'ended']);

export const streams = pgTable(
  'streams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    streamerId: uuid('streamer_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    status: streamStatusEnum('status').notNull().default('live'),
    viewerCount: integer('viewer_count').notNull().default(0),
    peakViewers: integer('peak_viewers').notNull().default(0),
    chatMessagesCount: integer('chat_messages_count').notNull().default(0),
    giftsCount: integer('gifts_count').notNull().default(0),
    beansEarned: bigint('beans_earned', { mode: 'number' }).notNull().default(0),
    thumbnailPath: text('thumbnail_path'),
    /** Media mode and its parameters (p2p or sfu room), set when the stream goes live. */
    webrtc: jsonb('webrtc').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedReason: text('ended_reason'),
  },
  (t) => [
    // One live stream per streamer, enforced by the database rather than by a read-then-write.
    uniqueIndex('streams_one_live_per_streamer_uq').on(t.streamerId).where(sql`${t.status} = 'live'`),
    index('streams_live_by_viewers_idx').on(t.viewerCount, t.id).where(sql`${t.status} = 'live'`),
    index('streams_streamer_started_idx').on(t.streamerId, t.startedAt),
    index('streams_category_idx').on(t.category),
  ],
);
