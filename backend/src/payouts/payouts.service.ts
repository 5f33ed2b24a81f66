import type {
  AdminPayout,
  Payout,
  PayoutAccount,
  PayoutBody,
  PayoutOnboardingLink,
  Principal,
} from '@airwave/shared';
import { assertNotOwn } from '../admin/four-eyes.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { settleStreamer } from '../ledger/bean-settler.ts';
import { postJournalEntry, postLedgerEntry } from '../ledger/ledger.repository.ts';
import type { Logger } from '../logger.ts';
import type { BusinessEvents, PayoutFact } from '../platform/business-events.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import type { AccountState, PayoutAccountRow, PayoutRow, PayoutsRepository } from './payouts.repository.ts';
import { type ConnectGateway, stripeMessageOf } from './stripe-connect.ts';

export const toPayout = (p: PayoutRow): Payout => ({
  id: p.id,
  beans: p.beans,
  cashCents: p.cashCents,
  currency: p.currency,
  status: p.status,
  reason: p.reason,
  createdAt: p.createdAt.toISOString(),
  decidedAt: p.decidedAt?.toISOString() ?? null,
  transferId: p.transferId,
  reversalReason: p.reversalReason,
});

interface Deps {
  db: Db;
  repo: PayoutsRepository;
  economy: Config['economy'];
  notifyWallet: WalletNotifier;
  events: Pick<BusinessEvents, 'payoutRequested' | 'payoutDecided' | 'payoutSettled'>;
  /**
   * Stripe Connect when Stripe is configured. Without it (the dev provider, `npm start`) payouts keep
   * the simulated behaviour: the account shows as `dev`/ready and approval moves no money (`approved`).
   */
  connect: ConnectGateway | undefined;
  /** Production without Stripe: nobody can be paid, so nobody may ask. */
  payoutsUnavailable: boolean;
  logger: Logger;
}

const payoutFact = (p: PayoutRow, adminId?: string): PayoutFact => ({
  payoutId: p.id,
  userId: p.userId,
  beans: p.beans,
  cashCents: p.cashCents,
  currency: p.currency,
  adminId,
});

const DEV_ACCOUNT: PayoutAccount = {
  provider: 'dev',
  status: 'ready',
  payoutsEnabled: true,
  detailsSubmitted: true,
  currentlyDue: [],
  disabledReason: null,
};

function toAccount(row: PayoutAccountRow | undefined): PayoutAccount {
  if (!row) {
    return {
      provider: 'stripe',
      status: 'not_connected',
      payoutsEnabled: false,
      detailsSubmitted: false,
      currentlyDue: [],
      disabledReason: null,
    };
  }
  return {
    provider: 'stripe',
    status: row.payoutsEnabled ? 'ready' : 'onboarding',
    payoutsEnabled: row.payoutsEnabled,
    detailsSubmitted: row.detailsSubmitted,
    currentlyDue: row.currentlyDue,
    disabledReason: row.disabledReason,
  };
}

export function createPayoutsService({
  db,
  repo,
  economy,
  notifyWallet,
  events,
  connect,
  payoutsUnavailable,
  logger,
}: Deps) {
  function replay(row: PayoutRow, body: PayoutBody): Payout {
    if (row.beans !== body.beans) {
      throw new AppError(
        'IDEMPOTENCY_CONFLICT',
        'This idempotency key was already used for a different payout.',
      );
    }
    return toPayout(row);
  }

  /** Refuses while the user's connected account cannot receive payouts (Stripe decides, via account.updated). */
  async function assertPayoutsEnabled(userId: string): Promise<PayoutAccountRow | undefined> {
    if (payoutsUnavailable) {
      throw new AppError('PAYMENTS_UNAVAILABLE', 'Payouts are not configured on this server.');
    }
    if (!connect) return undefined;
    const account = await repo.findAccount(userId);
    if (!account?.payoutsEnabled) {
      throw new AppError(
        'PAYOUTS_NOT_ENABLED',
        account
          ? 'Stripe has not enabled payouts on this payout account yet: finish its setup first.'
          : 'Connect a payout account first.',
        {
          accountStatus: account ? 'onboarding' : 'not_connected',
          currentlyDue: account?.currentlyDue ?? [],
        },
      );
    }
    return account;
  }

  /**
   * Pays a `paying` payout: transfer to the connected account, then a bank payout of that money.
   * Safe to run any number of times, also concurrently (a double click, the retry job): each Stripe
   * call carries an idempotency key from the payout id, so Stripe answers a repeat with the object
   * it made the first time, and `paying → paid` happens once. A failure leaves it `paying` for the
   * retry job. Runs outside any transaction (never hold one open across HTTP).
   */
  async function drive(id: string): Promise<PayoutRow | undefined> {
    const row = await repo.find(id);
    if (!connect || row?.status !== 'paying' || !row.stripeAccountId) return row;
    const target = {
      id: row.id,
      cashCents: row.cashCents,
      currency: row.currency,
      stripeAccountId: row.stripeAccountId,
    };
    await repo.startAttempt(id);
    try {
      // Idempotency keys live 24 hours at Stripe: after an earlier failed try, look the transfer up
      // by its group before creating one, so a late retry can never make a second transfer.
      let transferId = row.transferId ?? (row.attempts > 0 ? await connect.findTransfer(id) : undefined);
      transferId ??= await connect.transfer(target);
      await repo.setTransfer(id, transferId);
      const current = await repo.find(id);
      if (current?.status !== 'paying') return current; // reversed meanwhile: nothing more to pay
      const stripePayoutId = current.stripePayoutId ?? (await connect.bankPayout(target));
      const paid = await db.transaction(async (tx) => {
        const paid = await repo.markPaid(tx, id, stripePayoutId);
        if (paid) {
          await postPaid(tx, paid);
          await recordAudit(tx, {
            actorId: null,
            action: 'payout.paid',
            targetType: 'payout',
            targetId: id,
            before: { status: 'paying' },
            after: { status: 'paid', transferId: paid.transferId, stripePayoutId, cashCents: paid.cashCents },
            reason: `stripe transfer ${paid.transferId}`,
          });
        }
        return paid;
      });
      if (paid) events.payoutSettled(payoutFact(paid), 'paid');
      return paid ?? (await repo.find(id));
    } catch (err) {
      logger.warn({ err, payoutId: id }, 'payout transfer did not finish; the retry job will drive it again');
      await repo.failAttempt(id, stripeMessageOf(err));
      return repo.find(id);
    }
  }

  /** The transfer left Airwave's Stripe balance: the cash owed since the approval is paid. */
  function postPaid(tx: Tx, row: PayoutRow) {
    return postJournalEntry(
      tx,
      'payout_paid',
      { cents: row.cashCents, currency: row.currency.toLowerCase() },
      { userId: row.userId, payoutId: row.id, reason: `stripe transfer ${row.transferId ?? ''}`.trim() },
    );
  }

  /** Returns a reversed payout's beans once, with a ledger entry saying why (inside the caller's tx). */
  async function reverse(
    tx: Tx,
    payout: PayoutRow,
    reason: string,
    transferId: string | undefined,
  ): Promise<PayoutRow | undefined> {
    const reversed = await repo.reverse(tx, payout.id, reason, transferId);
    if (!reversed) return undefined;
    const { row, was } = reversed;
    // A reversal can overtake our record of the transfer: the cash did leave, so book it as paid first.
    if (was === 'paying') await postPaid(tx, row);
    await postLedgerEntry(tx, {
      userId: row.userId,
      account: 'beans',
      delta: row.beans,
      kind: 'payout_reversal',
      reference: row.id,
      reason,
      cash: { cents: row.cashCents, currency: row.currency.toLowerCase() },
    });
    await recordAudit(tx, {
      actorId: null,
      action: 'payout.reverse',
      targetType: 'payout',
      targetId: row.id,
      before: { status: payout.status, beans: row.beans },
      after: { status: 'reversed', beans: row.beans, transferId: row.transferId },
      reason,
    });
    return row;
  }

  return {
    async account(userId: string): Promise<PayoutAccount> {
      if (payoutsUnavailable) {
        throw new AppError('PAYMENTS_UNAVAILABLE', 'Payouts are not configured on this server.');
      }
      if (!connect) return DEV_ACCOUNT;
      return toAccount(await repo.findAccount(userId));
    },

    /** Opens the streamer's Express account on first use, then a fresh onboarding link each time. */
    async onboarding(principal: Principal): Promise<PayoutOnboardingLink> {
      if (!connect) {
        throw new AppError(
          'CONFLICT',
          'Stripe is not configured here: payouts are simulated and need no payout account.',
        );
      }
      let account = await repo.findAccount(principal.userId);
      if (!account) {
        const email = await repo.emailOf(principal.userId);
        if (!email) throw new AppError('NOT_FOUND', 'No such user.');
        const created = await connect.createAccount({ id: principal.userId, email });
        account = await repo.insertAccount(principal.userId, created.id, accountState(created));
        if (!account) throw new Error('payout account vanished after insert');
      }
      return { url: await connect.onboardingLink(account.stripeAccountId) };
    },

    /** Holds the beans (debits them with a payout_hold entry) until an admin decides. */
    async request(principal: Principal, body: PayoutBody): Promise<Payout> {
      const existing = await repo.findByKey(principal.userId, body.idempotencyKey);
      if (existing) return replay(existing, body);
      await assertPayoutsEnabled(principal.userId);
      if (body.beans < economy.minPayoutBeans) {
        throw new AppError('VALIDATION_FAILED', `The minimum payout is ${economy.minPayoutBeans} beans.`, [
          { path: 'beans', message: `must be at least ${economy.minPayoutBeans}` },
        ]);
      }
      try {
        const row = await db.transaction(async (tx) => {
          // Held beans are not in the balance yet: the debit below can only take available ones.
          await settleStreamer(tx, economy.beanHoldDays, principal.userId);
          const row = await repo.insert(tx, {
            userId: principal.userId,
            beans: body.beans,
            cashCents: Math.floor((body.beans * economy.payoutCentsPer100Beans) / 100),
            currency: economy.payoutCurrency,
            idempotencyKey: body.idempotencyKey,
          });
          await postLedgerEntry(tx, {
            userId: principal.userId,
            account: 'beans',
            delta: -body.beans,
            // Only withdrawable beans: what admin grants and promo coins produced stays behind.
            promo: 'real-only',
            kind: 'payout_hold',
            reference: row.id,
          });
          return row;
        });
        events.payoutRequested(payoutFact(row));
        notifyWallet(principal.userId);
        return toPayout(row);
      } catch (err) {
        if (uniqueViolation(err) === undefined) throw err;
        const winner = await repo.findByKey(principal.userId, body.idempotencyKey);
        if (!winner) throw err;
        return replay(winner, body);
      }
    },

    async mine(userId: string): Promise<Payout[]> {
      return (await repo.listForUser(userId)).map(toPayout);
    },

    /**
     * For the admin panel, with who asked for each: pending payouts, then those still `paying` (a
     * Stripe call failed; the retry job is on it, and approving again retries now).
     */
    async pending(): Promise<AdminPayout[]> {
      const rows = [...(await repo.listByStatus('pending')), ...(await repo.listByStatus('paying'))];
      return rows.map((p) => ({
        ...toPayout(p),
        userId: p.userId,
        attempts: p.attempts,
        lastError: p.lastError,
      }));
    },

    /**
     * An admin approves (the held beans are paid out) or rejects (they go back) a pending payout.
     * With Stripe, approval commits the intent (`paying`, with the account to pay) before Stripe is
     * called; approving again (a double click, a retry after a timeout) drives the same payment.
     */
    async decide(
      admin: Principal,
      id: string,
      decision: 'approved' | 'rejected',
      reason: string,
    ): Promise<Payout> {
      const outcome = await db.transaction(async (tx) => {
        const pending = await repo.find(id, tx);
        if (!pending) throw new AppError('NOT_FOUND', 'No such payout.');
        assertNotOwn(admin, pending.userId, 'payout');
        // Approving what is already being paid is a retry of the same approval, not a second payment.
        const decided = (now: PayoutRow | undefined) => {
          if (decision === 'approved' && (now?.status === 'paying' || now?.status === 'paid')) {
            return { row: now, repeat: true } as const;
          }
          throw new AppError('CONFLICT', `This payout was already ${now?.status ?? 'decided'}.`);
        };
        if (pending.status !== 'pending') return decided(pending);
        let status: 'approved' | 'rejected' | 'paying' = decision;
        let stripeAccountId: string | undefined;
        if (decision === 'approved' && connect) {
          const account = await repo.findAccount(pending.userId, tx);
          if (!account?.payoutsEnabled) {
            throw new AppError(
              'PAYOUTS_NOT_ENABLED',
              "The streamer's payout account cannot receive payouts now; it stays pending.",
              {
                accountStatus: account ? 'onboarding' : 'not_connected',
                currentlyDue: account?.currentlyDue ?? [],
              },
            );
          }
          status = 'paying';
          stripeAccountId = account.stripeAccountId;
        }
        const row = await repo.decide(tx, id, status, admin.userId, reason, stripeAccountId);
        // A concurrent decision won the row between our read and our update.
        if (!row) return decided(await repo.find(id, tx));
        if (decision === 'rejected') {
          await postLedgerEntry(tx, {
            userId: row.userId,
            account: 'beans',
            delta: row.beans,
            kind: 'payout_release',
            reference: row.id,
            reason,
            actorId: admin.userId,
          });
        } else {
          // The held beans leave the streamer's books; Airwave now owes the cash (payouts payable).
          await postJournalEntry(
            tx,
            'payout_approve',
            {
              userId: row.userId,
              beans: row.beans,
              cents: row.cashCents,
              currency: row.currency.toLowerCase(),
            },
            { userId: row.userId, payoutId: row.id, reason, actorId: admin.userId },
          );
        }
        await recordAudit(tx, {
          actorId: admin.userId,
          action: `payout.${decision === 'approved' ? 'approve' : 'reject'}`,
          targetType: 'payout',
          targetId: row.id,
          before: { status: 'pending', beans: row.beans },
          after: { status, beans: row.beans, cashCents: row.cashCents, stripeAccountId },
          reason,
        });
        return { row, repeat: false } as const;
      });
      if (!outcome.repeat) {
        events.payoutDecided(payoutFact(outcome.row, admin.userId), decision);
        notifyWallet(outcome.row.userId);
      }
      const driven = outcome.row.status === 'paying' ? await drive(id) : outcome.row;
      return toPayout(driven ?? outcome.row);
    },

    drive,

    /** The retry job's pass: drives every `paying` payout nobody has tried for `idleMs`. */
    async redriveStalled(idleMs: number): Promise<number> {
      const stalled = await repo.listStalled(new Date(Date.now() - idleMs));
      for (const p of stalled) await drive(p.id);
      return stalled.length;
    },

    /** Stores what an `account.updated` says, unless a newer event already did. */
    async accountUpdated(tx: Tx, stripeAccountId: string, state: AccountState, version: Date) {
      return repo.applyAccountState(tx, stripeAccountId, state, version);
    },

    reverse,
    notifyWallet,
    settled: (row: PayoutRow) => events.payoutSettled(payoutFact(row), 'reversed'),
  };
}

/** The parts of a Stripe Account that decide whether a streamer can be paid. */
export function accountState(account: {
  payouts_enabled?: boolean | null;
  details_submitted?: boolean | null;
  requirements?: { currently_due?: string[] | null; disabled_reason?: string | null } | null;
}): AccountState {
  return {
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    currentlyDue: account.requirements?.currently_due ?? [],
    disabledReason: account.requirements?.disabled_reason ?? null,
  };
}

export type PayoutsService = ReturnType<typeof createPayoutsService>;
