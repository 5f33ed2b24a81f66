import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/** Who follows which channel, and since when (followers-only chat reads the age). */
export const follows = pgTable(
  'follows',
  {
    followerId: uuid('follower_id')
      .notNull()
      .references(() => users.id),
    streamerId: uuid('streamer_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.streamerId] }),
    // Follower counts and the followers-only check go by channel.
    index('follows_streamer_idx').on(t.streamerId),
    check('follows_not_self', sql`${t.followerId} <> ${t.streamerId}`),
  ],
);
