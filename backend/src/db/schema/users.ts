import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('user_role', ['user', 'streamer', 'moderator', 'admin']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    nickname: text('nickname').notNull(),
    avatarUrl: text('avatar_url'),
    bio: text('bio').notNull().default(''),
    role: roleEnum('role').notNull().default('user'),
    // Balances are caches of the ledger; the CHECK keeps them from ever going negative.
    coins: bigint('coins', { mode: 'number' }).notNull().default(0),
    beans: bigint('beans', { mode: 'number' }).notNull().default(0),
    /** The part of `coins` an admin granted: spent first, and what it buys is never withdrawable. */
    promoCoins: bigint('promo_coins', { mode: 'number' }).notNull().default(0),
    /** The part of `beans` that came from promo coins or an admin grant: payouts cannot take it. */
    promoBeans: bigint('promo_beans', { mode: 'number' }).notNull().default(0),
    streamsCount: integer('streams_count').notNull().default(0),
    giftsSent: integer('gifts_sent').notNull().default(0),
    giftsReceived: integer('gifts_received').notNull().default(0),
    coinsSpent: bigint('coins_spent', { mode: 'number' }).notNull().default(0),
    beansEarned: bigint('beans_earned', { mode: 'number' }).notNull().default(0),
    /** Coins owed after a refund of coins already spent; the next purchases pay it off first. */
    coinsDebt: bigint('coins_debt', { mode: 'number' }).notNull().default(0),
    /** Set when the account needs a human look (a refund it could not cover, say). */
    flaggedAt: timestamp('flagged_at', { withTimezone: true }),
    flagReason: text('flag_reason'),
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    banReason: text('ban_reason'),
    suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    uniqueIndex('users_nickname_lower_uq').on(sql`lower(${t.nickname})`),
    index('users_role_idx').on(t.role),
    index('users_created_at_idx').on(t.createdAt),
    check('users_balances_non_negative', sql`${t.coins} >= 0 AND ${t.beans} >= 0 AND ${t.coinsDebt} >= 0`),
    check(
      'users_promo_within_balances',
      sql`${t.promoCoins} >= 0 AND ${t.promoCoins} <= ${t.coins} AND ${t.promoBeans} >= 0 AND ${t.promoBeans} <= ${t.beans}`,
    ),
  ],
);
