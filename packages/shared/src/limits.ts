import { z } from 'zod';
import { AdminCursor, AdminLimit, UserRef } from './admin.ts';
import { LedgerKind, PaymentProvider, PaymentStatus } from './economy.ts';
import { Id } from './users.ts';

/** Largest cap a user may set for themselves, in coins a day (any higher is no cap at all). */
export const MAX_OWN_GIFT_LIMIT = 100_000_000;

/** One spending window: its cap (null = none), what it used so far and when it starts over. */
export const LimitWindow = z.object({
  limit: z.number().int().nullable(),
  used: z.number().int(),
  resetsAt: z.iso.datetime(),
});
export type LimitWindow = z.infer<typeof LimitWindow>;

/** The signed-in user's limits, all in coins. */
export const MyLimits = z.object({
  purchases: z.object({
    daily: LimitWindow,
    monthly: LimitWindow,
    /** A new account may buy from this time on; null once it may. */
    availableAt: z.iso.datetime().nullable(),
  }),
  gifts: LimitWindow.extend({
    /** The platform's daily cap (null = none). */
    platformLimit: z.number().int().nullable(),
    /** The cap the user set for themselves and that applies now (null = the platform's). */
    ownLimit: z.number().int().nullable(),
    /** A raise the user asked for: it applies from `effectiveAt` (to: null = back to the platform's). */
    pendingRaise: z.object({ to: z.number().int().nullable(), effectiveAt: z.iso.datetime() }).nullable(),
    /** How long a raise waits before it applies. */
    coolingOffHours: z.number().int(),
  }),
});
export type MyLimits = z.infer<typeof MyLimits>;

/**
 * A user's own daily gift cap in coins; null = the platform's. Lower applies at once; higher (or
 * null) only after the cooling-off period.
 */
export const SetGiftLimitBody = z
  .object({ coinsPerDay: z.number().int().min(0).max(MAX_OWN_GIFT_LIMIT).nullable() })
  .strict();
export type SetGiftLimitBody = z.infer<typeof SetGiftLimitBody>;

/** Longest period one statement covers. */
export const MAX_STATEMENT_DAYS = 366;

/** A statement's period: whole UTC days, both ends included. */
export const StatementQuery = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .strict()
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days >= MAX_STATEMENT_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be within ${MAX_STATEMENT_DAYS} days of from`,
      });
    }
  });
export type StatementQuery = z.input<typeof StatementQuery>;

/** A purchase as its receipt shows it. */
export const Receipt = z.object({
  id: Id,
  createdAt: z.iso.datetime(),
  packageId: z.string(),
  coins: z.number().int(),
  amountCents: z.number().int(),
  currency: z.string(),
  status: PaymentStatus,
  provider: PaymentProvider,
  /** Stripe's PaymentIntent id once paid, else the Checkout Session id (null before checkout). */
  reference: z.string().nullable(),
});
export type Receipt = z.infer<typeof Receipt>;
export const ReceiptList = z.object({ items: z.array(Receipt) });
export type ReceiptList = z.infer<typeof ReceiptList>;

/** One ledger row in full, for the admin's journal of a user. */
export const JournalEntry = z.object({
  id: z.number().int(),
  account: z.enum(['coins', 'beans']),
  delta: z.number().int(),
  promoDelta: z.number().int(),
  balanceAfter: z.number().int().nullable(),
  kind: LedgerKind,
  counterpart: UserRef.nullable(),
  streamId: Id.nullable(),
  giftId: Id.nullable(),
  paymentId: Id.nullable(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  actorId: Id.nullable(),
  createdAt: z.iso.datetime(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
export const JournalPage = z.object({ items: z.array(JournalEntry), nextCursor: z.string().nullable() });
export type JournalPage = z.infer<typeof JournalPage>;
export const JournalQuery = z.object({ cursor: AdminCursor.optional(), limit: AdminLimit }).strict();
export type JournalQuery = z.input<typeof JournalQuery>;
