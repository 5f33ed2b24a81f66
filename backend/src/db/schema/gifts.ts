import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { streams } from './streams.ts';
import { users } from './users.ts';

/** The gift catalog: what a viewer can send and what it costs. Rows are deactivated, never deleted. */
export const giftCatalog = pgTable(
  'gift_catalog',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    icon: text('icon').notNull(),
    costCoins: integer('cost_coins').notNull(),
    beansValue: integer('beans_value').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('gift_catalog_positive', sql`${t.costCoins} > 0 AND ${t.beansValue} >= 0`)],
);

/** One sent gift (a combo of `count` of one catalog item), the seed's Gifts collection. */
export const gifts = pgTable(
  'gifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    giftTypeId: uuid('gift_type_id')
      .notNull()
      .references(() => giftCatalog.id),
    count: integer('count').notNull().default(1),
    cost: integer('cost').notNull(),
    beansValue: integer('beans_value').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('gifts_sender_idempotency_uq').on(t.senderId, t.idempotencyKey),
    index('gifts_stream_idx').on(t.streamId, t.createdAt),
    index('gifts_recipient_idx').on(t.recipientId, t.createdAt),
    check('gifts_positive', sql`${t.count} > 0 AND ${t.cost} > 0 AND ${t.beansValue} >= 0`),
  ],
);
