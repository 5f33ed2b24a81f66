import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
import { gifts } from './gifts.ts';
import { streams } from './streams.ts';
import { users } from './users.ts';

/** What a buyer can purchase. Rows are deactivated, never deleted (payments point at them). */
export const coinPackages = pgTable(
  'coin_packages',
  {
    id: text('id').primaryKey(),
    coins: integer('coins').notNull(),
    bonusCoins: integer('bonus_coins').notNull().default(0),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('usd'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('coin_packages_positive', sql`${t.coins} > 0 AND ${t.bonusCoins} >= 0 AND ${t.priceCents} > 0`),
  ],
);

/**
 * Beans a gift owes a streamer, not yet added to their balance. Gifts insert here instead of
 * updating the streamer's row, so thousands of senders to one streamer never queue on one row
 * lock; a settler folds these into balances in batches. The ledger row is written with the gift.
 */
export const pendingBeanCredits = pgTable(
  'pending_bean_credits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    streamerId: uuid('streamer_id')
      .notNull()
      .references(() => users.id),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    giftId: uuid('gift_id')
      .notNull()
      .references(() => gifts.id),
    beans: bigint('beans', { mode: 'number' }).notNull(),
    /** The part of `beans` bought with promo coins: it lands in the streamer's `promo_beans`. */
    promoBeans: bigint('promo_beans', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pending_bean_credits_streamer_idx').on(t.streamerId),
    check('pending_beans_non_negative', sql`${t.beans} >= 0`),
    check('pending_promo_beans_within', sql`${t.promoBeans} >= 0 AND ${t.promoBeans} <= ${t.beans}`),
  ],
);

/**
 * Settled gift beans on hold (the `beans_held` account): a lot per streamer and hour the gifts
 * were sent in, so a busy streamer has a few lots a day, not a row per gift. A lot frees up
 * BEAN_HOLD_DAYS after its latest gift (`release_at` moves later as gifts join it, never earlier);
 * the release job then moves it into the balance and stamps `released_at`. An unreleased lot is
 * the cache of its beans_held postings; a released one stays as the record of the release.
 */
export const beanHolds = pgTable(
  'bean_holds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The UTC hour the lot's gifts were sent in (its key while it is held). */
    earnedHour: timestamp('earned_hour', { withTimezone: true }).notNull(),
    beans: bigint('beans', { mode: 'number' }).notNull(),
    /** The part of `beans` promo coins bought: it lands in `promo_beans` and stays unwithdrawable. */
    promoBeans: bigint('promo_beans', { mode: 'number' }).notNull().default(0),
    releaseAt: timestamp('release_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open lot per streamer and hour: the settler adds to it. A released lot leaves the index.
    uniqueIndex('bean_holds_open_uq').on(t.userId, t.earnedHour).where(sql`${t.releasedAt} IS NULL`),
    index('bean_holds_due_idx').on(t.releaseAt).where(sql`${t.releasedAt} IS NULL`),
    index('bean_holds_released_idx').on(t.userId, t.releasedAt).where(sql`${t.releasedAt} IS NOT NULL`),
    check('bean_holds_beans_non_negative', sql`${t.beans} >= 0`),
    check('bean_holds_promo_within', sql`${t.promoBeans} >= 0 AND ${t.promoBeans} <= ${t.beans}`),
  ],
);

/**
 * pending → rejected (beans back) or, on approval: `approved` (no Stripe: the dev provider moves no
 * money) or `paying` (the intent to pay is committed before Stripe is called) → `paid` (transfer and
 * bank payout created) → `reversed` (Stripe reversed the transfer or the bank payout failed: beans back).
 */
export const payoutStatusEnum = pgEnum('payout_status', [
  'pending',
  'approved',
  'rejected',
  'paying',
  'paid',
  'reversed',
]);

/**
 * A streamer's Stripe Connect Express account, and its state as the last `account.updated` told us.
 * `stripe_updated_at` is that event's `created`: an older event arriving late changes nothing.
 */
export const payoutAccounts = pgTable('payout_accounts', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  stripeAccountId: text('stripe_account_id').notNull().unique(),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  detailsSubmitted: boolean('details_submitted').notNull().default(false),
  currentlyDue: text('currently_due').array().notNull().default(sql`'{}'::text[]`),
  disabledReason: text('disabled_reason'),
  stripeUpdatedAt: timestamp('stripe_updated_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A streamer's request to cash out beans; the beans are held (debited) until an admin decides. */
export const payouts = pgTable(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    beans: bigint('beans', { mode: 'number' }).notNull(),
    cashCents: bigint('cash_cents', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: payoutStatusEnum('status').notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull(),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The connected account paid, fixed at approval (the streamer may not swap it mid-payment). */
    stripeAccountId: text('stripe_account_id'),
    /** Stripe's Transfer to the connected account (`tr_…`), once Stripe answered. */
    transferId: text('transfer_id').unique(),
    /** The bank payout on the connected account (`po_…`), once Stripe answered. */
    stripePayoutId: text('stripe_payout_id').unique(),
    /** Tries to reach Stripe for a `paying` payout; the retry job drives those left behind. */
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    /** Why the money came back (Stripe's reversal or the bank's failure code). */
    reversalReason: text('reversal_reason'),
  },
  (t) => [
    uniqueIndex('payouts_user_idempotency_uq').on(t.userId, t.idempotencyKey),
    index('payouts_status_idx').on(t.status, t.createdAt),
    index('payouts_user_idx').on(t.userId, t.createdAt),
    check('payouts_positive', sql`${t.beans} > 0`),
  ],
);

/** Stripe events already handled: a redelivery is recognised by its id and changes nothing. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
