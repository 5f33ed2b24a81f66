import type {
  LastReconciliation,
  Principal,
  Reconciliation,
  ReconciliationDifference,
  TrialBalance,
} from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import type { ledgerReconciliations } from '../db/schema/index.ts';
import {
  balanceMismatches,
  insertReconciliation,
  latestReconciliation,
  stripeClearingByPayment,
  trialBalanceRows,
  unbalancedEntryCount,
} from './ledger.repository.ts';
import type { StripeBalance, StripeMovement } from './stripe-balance.ts';

/**
 * The books' health: totals per unit, entries that do not sum to zero, and cached balances that
 * differ from their postings. Tests call it after every step; the admin page shows it.
 */
export async function checkBooks(db: Db): Promise<TrialBalance> {
  const [rows, unbalancedEntries, mismatches] = await Promise.all([
    trialBalanceRows(db),
    unbalancedEntryCount(db),
    balanceMismatches(db),
  ]);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.unit, (totals.get(r.unit) ?? 0) + r.balance);
  const totalList = [...totals].map(([unit, balance]) => ({ unit, balance }));
  return {
    rows,
    totals: totalList,
    unbalancedEntries,
    mismatches,
    balanced: unbalancedEntries === 0 && mismatches.length === 0 && totalList.every((t) => t.balance === 0),
    checkedAt: new Date().toISOString(),
  };
}

/** Stripe's balance-transaction types the clearing account books, by direction; the rest are not Airwave's movements. */
const DIRECTION: Record<string, 'charge' | 'refund'> = {
  charge: 'charge',
  payment: 'charge',
  refund: 'refund',
  payment_refund: 'refund',
};

interface Side {
  amount: number;
  count: number;
  firstId: string | null;
}

/**
 * Compares Stripe's charges and refunds with the Stripe-clearing postings, per PaymentIntent,
 * direction and currency: every key on one side only, and every key whose amounts differ.
 */
export function compareClearing(
  stripe: StripeMovement[],
  ledger: Awaited<ReturnType<typeof stripeClearingByPayment>>,
): ReconciliationDifference[] {
  const atStripe = new Map<string, Side & { pi: string | null; type: string; currency: string }>();
  for (const bt of stripe) {
    const dir = DIRECTION[bt.type];
    if (!dir) continue;
    // Without a PaymentIntent a transaction can match nothing in the ledger: its own key.
    const key = `${bt.paymentIntentId ?? bt.id}|${dir}|${bt.currency}`;
    const side = atStripe.get(key) ?? {
      amount: 0,
      count: 0,
      firstId: bt.id,
      pi: bt.paymentIntentId,
      type: dir,
      currency: bt.currency,
    };
    side.amount += bt.amount;
    side.count += 1;
    atStripe.set(key, side);
  }
  const differences: ReconciliationDifference[] = [];
  const seen = new Set<string>();
  for (const l of ledger) {
    const key = `${l.paymentIntentId ?? `payment:${l.paymentId}`}|${l.type}|${l.currency}`;
    seen.add(key);
    const s = atStripe.get(key);
    if (!s || s.amount !== l.amount) {
      differences.push({
        kind: s ? 'amount_mismatch' : 'missing_at_stripe',
        type: l.type,
        paymentIntentId: l.paymentIntentId,
        stripeTransactionId: s?.firstId ?? null,
        currency: l.currency,
        stripeAmount: s?.amount ?? null,
        ledgerAmount: l.amount,
      });
    }
  }
  for (const [key, s] of atStripe) {
    if (seen.has(key)) continue;
    differences.push({
      kind: 'missing_in_ledger',
      type: s.type,
      paymentIntentId: s.pi,
      stripeTransactionId: s.firstId,
      currency: s.currency,
      stripeAmount: s.amount,
      ledgerAmount: null,
    });
  }
  return differences;
}

type ReconciliationRow = typeof ledgerReconciliations.$inferSelect;
const toReconciliation = (r: ReconciliationRow): Reconciliation => {
  const differences = r.differences as ReconciliationDifference[];
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    stripeTransactions: r.stripeTransactions,
    ledgerPostings: r.ledgerPostings,
    differences,
    matched: differences.length === 0,
  };
};

interface Deps {
  db: Db;
  /** Undefined with the dev payment provider: there is no Stripe account to reconcile with. */
  stripe: StripeBalance | undefined;
}

export function createLedgerAdminService({ db, stripe }: Deps) {
  return {
    trialBalance: () => checkBooks(db),

    /** Runs one reconciliation now and keeps its result (the admin page shows the latest). */
    async reconcile(admin: Principal): Promise<Reconciliation> {
      if (!stripe) {
        throw new AppError(
          'RECONCILIATION_UNAVAILABLE',
          'This server takes payments through the dev provider, not Stripe: there is nothing to reconcile.',
        );
      }
      const [movements, clearing] = await Promise.all([stripe.all(), stripeClearingByPayment(db)]);
      const differences = compareClearing(movements, clearing);
      return db.transaction(async (tx) => {
        const row = await insertReconciliation(tx, {
          actorId: admin.userId,
          stripeTransactions: movements.length,
          ledgerPostings: clearing.reduce((n, c) => n + c.postings, 0),
          differences,
        });
        await recordAudit(tx, {
          actorId: admin.userId,
          action: 'ledger.reconcile',
          targetType: 'ledger',
          targetId: String(row.id),
          after: { stripeTransactions: row.stripeTransactions, differences: differences.length },
        });
        return toReconciliation(row);
      });
    },

    async last(): Promise<LastReconciliation> {
      const row = await latestReconciliation(db);
      return { available: stripe !== undefined, result: row ? toReconciliation(row) : null };
    },
  };
}

export type LedgerAdminService = ReturnType<typeof createLedgerAdminService>;
