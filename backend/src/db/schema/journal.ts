import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { payouts } from './economy.ts';
import { gifts } from './gifts.ts';
import { payments } from './payments.ts';
import { users } from './users.ts';

/**
 * The double-entry book under `ledger_entries`: one row per movement (a purchase, a gift, a bean
 * settlement batch, a payout decision...). Its postings sum to zero per unit; a trigger in the
 * migration refuses postings that do not, and refuses UPDATE/DELETE on both tables. `kind` is text,
 * checked by the ledger module's kind table (backend/src/ledger/journal-kinds.ts), so a new kind
 * needs no migration.
 */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** The user the movement is about (the buyer, the gift's sender, the payout's streamer). */
    userId: uuid('user_id').references(() => users.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    giftId: uuid('gift_id').references(() => gifts.id),
    payoutId: uuid('payout_id').references(() => payouts.id),
    /** For corrections: the entry this one reverses. */
    reversesId: bigint('reverses_id', { mode: 'number' }),
    /** Free-form outside reference (an admin adjustment's ticket, a Stripe object id). */
    reference: text('reference'),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Partial: gifts (the hot path) carry no payment and pay for no index entry here.
    index('journal_entries_payment_idx').on(t.paymentId).where(sql`${t.paymentId} IS NOT NULL`),
    // An entry is reversed at most once.
    uniqueIndex('journal_entries_reverses_uq').on(t.reversesId).where(sql`${t.reversesId} IS NOT NULL`),
  ],
);

/**
 * One leg of a journal entry. `amount` is a debit when positive and a credit when negative, in
 * `unit`: 'coin', 'bean', or a currency code (minor units, e.g. cents of 'usd'). User accounts
 * carry `user_id`; platform accounts leave it null. A user's balances are what Airwave owes them,
 * so they are credits: users.coins = -(sum of their 'coins' postings).
 */
export const postings = pgTable(
  'postings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' })
      .notNull()
      .references(() => journalEntries.id),
    account: text('account').notNull(),
    userId: uuid('user_id').references(() => users.id),
    unit: text('unit').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('postings_entry_idx').on(t.journalEntryId),
    index('postings_user_account_idx').on(t.userId, t.account),
    check('postings_amount_non_zero', sql`${t.amount} <> 0`),
    check('postings_user_account', sql`(${t.userId} IS NULL) = (${t.account} LIKE 'platform:%')`),
  ],
);

/** The result of one Stripe reconciliation run (the admin page shows the latest). */
export const ledgerReconciliations = pgTable('ledger_reconciliations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actorId: uuid('actor_id').references(() => users.id),
  stripeTransactions: integer('stripe_transactions').notNull(),
  ledgerPostings: integer('ledger_postings').notNull(),
  /** Every difference found: [{ kind, paymentIntentId, stripeAmount, ledgerAmount, ... }]. */
  differences: jsonb('differences').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
