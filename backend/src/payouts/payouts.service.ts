import type { AdminPayout, Payout, PayoutBody, Principal } from '@airwave/shared';
import { assertNotOwn } from '../admin/four-eyes.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { settleBeans } from '../ledger/bean-settler.ts';
import { postJournalEntry, postLedgerEntry } from '../ledger/ledger.repository.ts';
import type { BusinessEvents, PayoutFact } from '../platform/business-events.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import type { PayoutRow, PayoutsRepository } from './payouts.repository.ts';

export const toPayout = (p: PayoutRow): Payout => ({
  id: p.id,
  beans: p.beans,
  cashCents: p.cashCents,
  currency: p.currency,
  status: p.status,
  reason: p.reason,
  createdAt: p.createdAt.toISOString(),
  decidedAt: p.decidedAt?.toISOString() ?? null,
});

interface Deps {
  db: Db;
  repo: PayoutsRepository;
  economy: Config['economy'];
  notifyWallet: WalletNotifier;
  events: Pick<BusinessEvents, 'payoutRequested' | 'payoutDecided'>;
}

const payoutFact = (p: PayoutRow, adminId?: string): PayoutFact => ({
  payoutId: p.id,
  userId: p.userId,
  beans: p.beans,
  cashCents: p.cashCents,
  currency: p.currency,
  adminId,
});

export function createPayoutsService({ db, repo, economy, notifyWallet, events }: Deps) {
  function replay(row: PayoutRow, body: PayoutBody): Payout {
    if (row.beans !== body.beans) {
      throw new AppError(
        'IDEMPOTENCY_CONFLICT',
        'This idempotency key was already used for a different payout.',
      );
    }
    return toPayout(row);
  }

  return {
    /** Holds the beans (debits them with a payout_hold entry) until an admin decides. */
    async request(principal: Principal, body: PayoutBody): Promise<Payout> {
      const existing = await repo.findByKey(principal.userId, body.idempotencyKey);
      if (existing) return replay(existing, body);
      if (body.beans < economy.minPayoutBeans) {
        throw new AppError('VALIDATION_FAILED', `The minimum payout is ${economy.minPayoutBeans} beans.`, [
          { path: 'beans', message: `must be at least ${economy.minPayoutBeans}` },
        ]);
      }
      try {
        const row = await db.transaction(async (tx) => {
          await settleBeans(tx, principal.userId);
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

    /** Pending payouts for the admin panel, with who asked for each. */
    async pending(): Promise<AdminPayout[]> {
      return (await repo.listByStatus('pending')).map((p) => ({ ...toPayout(p), userId: p.userId }));
    },

    /** An admin approves (the held beans are paid out) or rejects (they go back) a pending payout. */
    async decide(
      admin: Principal,
      id: string,
      decision: 'approved' | 'rejected',
      reason: string,
    ): Promise<Payout> {
      const row = await db.transaction(async (tx) => {
        const pending = await repo.find(id, tx);
        if (pending) assertNotOwn(admin, pending.userId, 'payout');
        const row = await repo.decide(tx, id, decision, admin.userId, reason);
        if (!row) {
          const exists = await repo.find(id, tx);
          throw exists
            ? new AppError('CONFLICT', `This payout was already ${exists.status}.`)
            : new AppError('NOT_FOUND', 'No such payout.');
        }
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
          after: { status: decision, beans: row.beans, cashCents: row.cashCents },
          reason,
        });
        return row;
      });
      events.payoutDecided(payoutFact(row, admin.userId), decision);
      notifyWallet(row.userId);
      return toPayout(row);
    },
  };
}

export type PayoutsService = ReturnType<typeof createPayoutsService>;
