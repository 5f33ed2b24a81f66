import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const paymentProviderEnum = pgEnum('payment_provider', ['stripe', 'dev']);
export const paymentStatusEnum = pgEnum('payment_status', [
  'pending',
  'completed',
  'failed',
  'expired',
  'refunded',
]);

/** A coin purchase, the seed's Payments collection. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    paymentProvider: paymentProviderEnum('payment_provider').notNull(),
    /** The provider's id for this purchase (Stripe Checkout Session id). */
    transactionId: text('transaction_id'),
    /** Stripe's PaymentIntent id, recorded at completion; a `charge.refunded` event names only this. */
    paymentIntentId: text('payment_intent_id'),
    packageId: text('package_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    coinsReceived: integer('coins_received').notNull(),
    status: paymentStatusEnum('status').notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_user_idempotency_uq').on(t.userId, t.idempotencyKey),
    uniqueIndex('payments_transaction_uq').on(t.paymentProvider, t.transactionId),
    index('payments_user_idx').on(t.userId, t.createdAt),
    index('payments_status_idx').on(t.status, t.createdAt),
    index('payments_payment_intent_idx').on(t.paymentIntentId),
  ],
);
