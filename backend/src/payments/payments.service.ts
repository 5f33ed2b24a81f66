import type { CheckoutBody, CheckoutResponse, CoinPackage, Payment, Principal } from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { postJournalEntry, postLedgerEntry } from '../ledger/ledger.repository.ts';
import type { LimitsService } from '../limits/limits.service.ts';
import type { BusinessEvents, PaymentFact } from '../platform/business-events.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import type { PaymentRow, PaymentsRepository } from './payments.repository.ts';
import type { CheckoutProvider } from './provider.ts';

export const toPayment = (p: PaymentRow): Payment => ({
  id: p.id,
  provider: p.paymentProvider,
  packageId: p.packageId,
  amountCents: p.amount,
  currency: p.currency,
  coins: p.coinsReceived,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
});

/** The ids and amounts of a payment, for the money log line and the purchase counters. */
export const paymentFact = (p: PaymentRow): PaymentFact => ({
  paymentId: p.id,
  userId: p.userId,
  provider: p.paymentProvider,
  coins: p.coinsReceived,
  amountCents: p.amount,
  currency: p.currency,
});

/** The cash a Stripe payment moved, for the Stripe-clearing account; the dev provider moves none. */
const stripeCash = (p: PaymentRow) =>
  p.paymentProvider === 'stripe' ? { cents: p.amount, currency: p.currency.toLowerCase() } : undefined;

interface Deps {
  db: Db;
  repo: PaymentsRepository;
  /** Undefined when purchases are off (production without Stripe keys). */
  provider: CheckoutProvider | undefined;
  notifyWallet: WalletNotifier;
  events: Pick<BusinessEvents, 'paymentStarted' | 'paymentCompleted'>;
  /** The purchase caps and new-account delay, checked in the transaction that opens a checkout. */
  limits: Pick<LimitsService, 'assertPurchaseAllowed'>;
}

/** Who caused a state change: the buyer (dev provider), an admin (refunds) or Stripe (actorId null). */
interface Cause {
  actorId: string | null;
  /** Stripe's PaymentIntent id, stored on the payment so a `charge.refunded` can find it. */
  paymentIntentId?: string | null;
  reason?: string;
}

export function createPaymentsService({ db, repo, provider, notifyWallet, events, limits }: Deps) {
  function available(): CheckoutProvider {
    if (!provider) throw new AppError('PAYMENTS_UNAVAILABLE', 'Buying coins is not available right now.');
    return provider;
  }

  function sameRequest(row: PaymentRow, body: CheckoutBody): PaymentRow {
    if (row.packageId !== body.packageId) {
      throw new AppError(
        'IDEMPOTENCY_CONFLICT',
        'This idempotency key was already used for a different purchase.',
      );
    }
    return row;
  }

  /** The checkout URL of a payment, creating the provider's session the first time. */
  async function checkoutUrl(p: CheckoutProvider, row: PaymentRow): Promise<string> {
    if (row.paymentProvider !== p.name) {
      throw new AppError('CONFLICT', 'This purchase was started with another payment provider.');
    }
    if (row.transactionId) return p.resumeUrl(row);
    const { transactionId, url } = await p.createCheckout(row);
    const stored = await repo.setTransactionId(row.id, transactionId);
    // A concurrent retry stored its session first: hand out that one, never two for one payment.
    return stored?.transactionId === transactionId ? url : p.resumeUrl(stored ?? row);
  }

  /**
   * Credits a pending payment's coins exactly once: the conditional status change is the gate, so
   * duplicate, concurrent or late deliveries find nothing pending and move nothing.
   *
   * Debt rule: coins a refund could not take back (they were already spent) are owed in
   * users.coins_debt. A purchase is credited in full (one `purchase` row, so history shows what
   * was bought) and then repays the debt first with a separate `refund` row; the buyer gets what
   * is left. The flag a refund set stays for an admin to clear.
   */
  async function complete(tx: Tx, paymentId: string, cause: Cause): Promise<PaymentRow | undefined> {
    const row = await repo.transition(tx, paymentId, ['pending'], 'completed');
    if (!row) return undefined;
    if (cause.paymentIntentId) await repo.setPaymentIntent(tx, row.id, cause.paymentIntentId);
    const before = await repo.lockUser(tx, row.userId);
    let coins = await postLedgerEntry(tx, {
      userId: row.userId,
      account: 'coins',
      delta: row.coinsReceived,
      kind: 'purchase',
      paymentId: row.id,
      cash: stripeCash(row),
      reason: `coin package ${row.packageId}`,
      actorId: cause.actorId,
    });
    const repaid = Math.min(before.coinsDebt, row.coinsReceived);
    if (repaid > 0) {
      await repo.reduceDebt(tx, row.userId, repaid);
      coins = await postLedgerEntry(tx, {
        userId: row.userId,
        account: 'coins',
        delta: -repaid,
        promo: 'last',
        kind: 'refund',
        paymentId: row.id,
        reason: 'repays coins owed after an earlier refund',
        actorId: cause.actorId,
      });
    }
    await recordAudit(tx, {
      actorId: cause.actorId,
      action: 'payment.complete',
      targetType: 'payment',
      targetId: row.id,
      before: { status: 'pending', coins: before.coins, coinsDebt: before.coinsDebt },
      after: {
        status: 'completed',
        coins,
        coinsDebt: before.coinsDebt - repaid,
        credited: row.coinsReceived,
        repaidDebt: repaid,
        paymentIntentId: cause.paymentIntentId ?? null,
      },
      reason: cause.reason,
    });
    return row;
  }

  /** A checkout that will never be paid (failed or expired): no money moved, so none moves back. */
  async function close(tx: Tx, paymentId: string, status: 'failed' | 'expired', cause: Cause) {
    const row = await repo.transition(tx, paymentId, ['pending'], status);
    if (!row) return undefined;
    await recordAudit(tx, {
      actorId: cause.actorId,
      action: status === 'failed' ? 'payment.fail' : 'payment.expire',
      targetType: 'payment',
      targetId: row.id,
      before: { status: 'pending' },
      after: { status },
      reason: cause.reason,
    });
    return row;
  }

  /**
   * Takes a refunded purchase's coins back. What the buyer already spent (gifts are not undone:
   * the streamer keeps the beans) cannot be taken, so the balance goes to 0, never below, the rest
   * is recorded as debt that future purchases repay, and the account is flagged for a human look.
   */
  async function refund(tx: Tx, paymentId: string, cause: Cause): Promise<PaymentRow | undefined> {
    const row = await repo.transition(tx, paymentId, ['completed'], 'refunded');
    if (!row) {
      // Refunded before its completion reached us (events out of order): close it so the late
      // completion finds nothing pending and credits nothing.
      const early = await repo.transition(tx, paymentId, ['pending'], 'refunded');
      if (early) {
        await recordAudit(tx, {
          actorId: cause.actorId,
          action: 'payment.refund',
          targetType: 'payment',
          targetId: early.id,
          before: { status: 'pending' },
          after: { status: 'refunded', taken: 0, owed: 0 },
          reason: cause.reason,
        });
      }
      return undefined;
    }
    const before = await repo.lockUser(tx, row.userId);
    const taken = Math.min(before.coins, row.coinsReceived);
    const owed = row.coinsReceived - taken;
    let coins = before.coins;
    if (taken > 0) {
      coins = await postLedgerEntry(tx, {
        userId: row.userId,
        account: 'coins',
        delta: -taken,
        // A refund gives back real money, so it takes real coins first; promo coins stay promotional.
        promo: 'last',
        kind: 'refund',
        paymentId: row.id,
        cash: stripeCash(row),
        reason: owed > 0 ? `refund; ${owed} coins already spent are owed` : 'refund',
        actorId: cause.actorId,
      });
    }
    const cash = stripeCash(row);
    if (taken === 0 && cash) {
      // No coins left to take back, but the cash still left Stripe: book it.
      await postJournalEntry(tx, 'refund_cash', cash, {
        userId: row.userId,
        paymentId: row.id,
        reason: cause.reason,
        actorId: cause.actorId,
      });
    }
    if (owed > 0) {
      await repo.addDebt(
        tx,
        row.userId,
        owed,
        `refund of payment ${row.id}: ${owed} coins were already spent`,
      );
    }
    await recordAudit(tx, {
      actorId: cause.actorId,
      action: 'payment.refund',
      targetType: 'payment',
      targetId: row.id,
      before: { status: 'completed', coins: before.coins, coinsDebt: before.coinsDebt },
      after: { status: 'refunded', coins, coinsDebt: before.coinsDebt + owed, taken, owed },
      reason: cause.reason,
    });
    return row;
  }

  return {
    /** The state changes, for the webhook handler to run inside its event-dedupe transaction. */
    inTx: { complete, close, refund },
    repo,

    async packages(): Promise<CoinPackage[]> {
      return (await repo.activePackages()).map((p) => ({
        id: p.id,
        coins: p.coins,
        bonusCoins: p.bonusCoins,
        priceCents: p.priceCents,
        currency: p.currency,
      }));
    },

    /** Creates (or, for a repeated key, finds) a pending payment and its checkout URL. */
    async checkout(principal: Principal, body: CheckoutBody): Promise<CheckoutResponse> {
      const p = available();
      let row = await repo.findByKey(principal.userId, body.idempotencyKey);
      if (row) {
        sameRequest(row, body);
      } else {
        // Price and coins are copied into the payment: a later catalog edit changes no open checkout.
        const pkg = await repo.activePackage(body.packageId);
        if (!pkg) {
          throw new AppError('VALIDATION_FAILED', 'No such coin package.', [
            { path: 'packageId', message: 'is not an available package' },
          ]);
        }
        try {
          // The limits are checked and the payment inserted under the buyer's row lock, so two
          // checkouts at once cannot both fit under a cap that only one of them fits.
          row = await db.transaction(async (tx) => {
            const coins = pkg.coins + pkg.bonusCoins;
            await limits.assertPurchaseAllowed(tx, principal.userId, coins);
            return repo.insert(
              {
                userId: principal.userId,
                paymentProvider: p.name,
                packageId: pkg.id,
                amount: pkg.priceCents,
                currency: pkg.currency,
                coinsReceived: coins,
                idempotencyKey: body.idempotencyKey,
              },
              tx,
            );
          });
          events.paymentStarted(p.name);
        } catch (err) {
          if (uniqueViolation(err) === undefined) throw err;
          const winner = await repo.findByKey(principal.userId, body.idempotencyKey);
          if (!winner) throw err;
          row = sameRequest(winner, body);
        }
      }
      const url = await checkoutUrl(p, row);
      const fresh = (await repo.find(row.id)) ?? row;
      return { payment: toPayment(fresh), url, test: p.test };
    },

    async mine(userId: string): Promise<Payment[]> {
      return (await repo.listForUser(userId)).map(toPayment);
    },

    /** The dev provider's "the buyer paid": credits once, repeats return the same payment. */
    async devComplete(principal: Principal, paymentId: string): Promise<Payment> {
      if (provider?.name !== 'dev') {
        throw new AppError('FORBIDDEN', 'Test purchases are turned off on this server.');
      }
      const found = await repo.find(paymentId);
      // Someone else's payment looks the same as a missing one: ids are not an oracle.
      if (!found || found.userId !== principal.userId) throw new AppError('NOT_FOUND', 'No such payment.');
      if (found.paymentProvider !== 'dev') throw new AppError('FORBIDDEN', 'This is not a test purchase.');
      const done = await db.transaction((tx) =>
        complete(tx, found.id, { actorId: principal.userId, reason: 'dev provider' }),
      );
      if (done) {
        events.paymentCompleted(paymentFact(done));
        notifyWallet(done.userId);
      }
      const row = done ?? (await repo.find(found.id)) ?? found;
      if (row.status !== 'completed') {
        throw new AppError('CONFLICT', `This payment is ${row.status} and cannot be completed.`);
      }
      return toPayment(row);
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
