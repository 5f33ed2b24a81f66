import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gifts } from './gifts.ts';
import { payments } from './payments.ts';
import { streams } from './streams.ts';
import { users } from './users.ts';

export const ledgerAccountEnum = pgEnum('ledger_account', ['coins', 'beans']);
export const ledgerKindEnum = pgEnum('ledger_kind', [
  'purchase',
  'refund',
  'gift_sent',
  'gift_received',
  'payout_hold',
  'payout_release',
  /** Beans back to a streamer whose paid-out transfer Stripe reversed or whose bank payout failed. */
  'payout_reversal',
  'exchange',
  'grant',
  'admin_adjust',
]);

/**
 * Every movement of coins or beans, append-only (a trigger in the migrations refuses UPDATE and
 * DELETE). A user's balance on an account equals the sum of `delta` over their rows.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    account: ledgerAccountEnum('account').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
    /** The promotional part of `delta` (admin grants and what they bought); same sign, never larger. */
    promoDelta: bigint('promo_delta', { mode: 'number' }).notNull().default(0),
    /** The account's balance right after this entry (null for beans still waiting to be settled). */
    balanceAfter: bigint('balance_after', { mode: 'number' }),
    kind: ledgerKindEnum('kind').notNull(),
    counterpartUserId: uuid('counterpart_user_id').references(() => users.id),
    streamId: uuid('stream_id').references(() => streams.id),
    giftId: uuid('gift_id').references(() => gifts.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    /** Set for kinds that carry no other reference (payouts, admin adjustments). */
    reference: text('reference'),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_user_created_idx').on(t.userId, t.createdAt),
    index('ledger_gift_idx').on(t.giftId),
    index('ledger_payment_idx').on(t.paymentId),
    check('ledger_delta_non_zero', sql`${t.delta} <> 0`),
    check(
      'ledger_promo_within_delta',
      sql`${t.promoDelta} = 0 OR (sign(${t.promoDelta}) = sign(${t.delta}) AND abs(${t.promoDelta}) <= abs(${t.delta}))`,
    ),
  ],
);
