import { z } from 'zod';

/**
 * The double-entry book as the admin panel sees it (docs/ledger.md). Amounts are integers in
 * `unit`: 'coin', 'bean' or a currency code in minor units (cents of 'usd'); debits are positive,
 * credits negative.
 */
const Amount = z.number().int();

/** One account's total in one unit. User accounts are summed over all users (`users` of them). */
export const TrialBalanceRow = z.object({
  account: z.string(),
  unit: z.string(),
  debit: Amount,
  credit: Amount,
  balance: Amount,
  /** For a user account: how many users hold a posting on it (null for a platform account). */
  users: z.number().int().nullable(),
});
export type TrialBalanceRow = z.infer<typeof TrialBalanceRow>;

/** A cached balance that differs from its postings (or postings that went negative). */
export const BalanceMismatch = z.object({
  userId: z.uuid(),
  account: z.string(),
  cached: Amount,
  postings: Amount,
});
export type BalanceMismatch = z.infer<typeof BalanceMismatch>;

export const TrialBalance = z.object({
  rows: z.array(TrialBalanceRow),
  /** Per unit, the sum of every account: zero when the books balance. */
  totals: z.array(z.object({ unit: z.string(), balance: Amount })),
  /** Journal entries whose postings do not sum to zero per unit (the database refuses them; expected 0). */
  unbalancedEntries: z.number().int(),
  /** The first differences between cached balances and postings (at most 100). */
  mismatches: z.array(BalanceMismatch),
  /** Totals all zero, no unbalanced entry, every cached balance equal to its postings. */
  balanced: z.boolean(),
  checkedAt: z.iso.datetime(),
});
export type TrialBalance = z.infer<typeof TrialBalance>;

export const ReconciliationDifference = z.object({
  kind: z.enum(['missing_in_ledger', 'missing_at_stripe', 'amount_mismatch']),
  /** What Stripe's balance transaction was (charge, refund...) or the ledger entry's kind. */
  type: z.string(),
  paymentIntentId: z.string().nullable(),
  /** The balance transaction (txn_...) when Stripe has one. */
  stripeTransactionId: z.string().nullable(),
  currency: z.string(),
  stripeAmount: Amount.nullable(),
  ledgerAmount: Amount.nullable(),
});
export type ReconciliationDifference = z.infer<typeof ReconciliationDifference>;

export const Reconciliation = z.object({
  id: z.number().int(),
  createdAt: z.iso.datetime(),
  stripeTransactions: z.number().int(),
  ledgerPostings: z.number().int(),
  differences: z.array(ReconciliationDifference),
  /** No difference at all. */
  matched: z.boolean(),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const LastReconciliation = z.object({
  /** False with the dev payment provider: there is no Stripe account to reconcile with. */
  available: z.boolean(),
  result: Reconciliation.nullable(),
});
export type LastReconciliation = z.infer<typeof LastReconciliation>;
