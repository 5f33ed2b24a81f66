import { bigint, date, integer, pgTable, primaryKey, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A user's own gift-spend cap (self-exclusion). Lowering takes effect at once (`gift_daily_cap`);
 * raising it, or going back to the platform's cap (`raise_to` null), waits until `raise_at`.
 * Read by the `gifts_spend_cap` trigger (migration 0010) and by the limits service.
 */
export const spendingLimits = pgTable('spending_limits', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  /** Coins a day; null = the platform's cap. */
  giftDailyCap: integer('gift_daily_cap'),
  /** A pending raise: the cap it goes to (null = back to the platform's) from `raise_at` on. */
  raiseTo: integer('raise_to'),
  raiseAt: timestamp('raise_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Coins each user spent on gifts per UTC day, counted by the trigger in the gift's own statement. */
export const giftSpendDays = pgTable(
  'gift_spend_days',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    day: date('day', { mode: 'string' }).notNull(),
    coins: bigint('coins', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/**
 * The platform's settings the trigger needs (one row). config.ts is the source: the server writes
 * GIFT_DAILY_LIMIT_COINS here at start, so the trigger never needs a round trip to ask the app.
 */
export const limitSettings = pgTable('limit_settings', {
  id: smallint('id').primaryKey().default(1),
  /** Coins a day per account; null = no platform cap (a user's own cap still applies). */
  giftDailyCap: integer('gift_daily_cap'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
