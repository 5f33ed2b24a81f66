import type { AdminAdjustBalanceBody, AdminBalance, AdminUser, Principal } from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import { postLedgerEntry } from '../ledger/ledger.repository.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import { toAdminUser } from './admin.mappers.ts';
import type { AdminUsersRepository } from './admin-users.repository.ts';
import { assertNotOwn } from './four-eyes.ts';

interface Deps {
  db: Db;
  users: AdminUsersRepository;
  notifyWallet: WalletNotifier;
}

/** Money-side admin actions on an account: ledger adjustments and the refund-debt flag. */
export function createAdminBalanceService({ db, users, notifyWallet }: Deps) {
  async function lockOther(tx: Tx, actor: Principal, userId: string) {
    const target = await users.lock(tx, userId);
    if (!target) throw new AppError('NOT_FOUND', 'No such user.');
    assertNotOwn(actor, target.id, 'balance');
    return target;
  }

  return {
    /**
     * Moves coins or beans only through an `admin_adjust` ledger entry, with its reason, in one
     * transaction with the audit row. A debit never takes a balance below zero (INSUFFICIENT_FUNDS).
     */
    async adjust(actor: Principal, userId: string, body: AdminAdjustBalanceBody): Promise<AdminBalance> {
      const result = await db.transaction(async (tx) => {
        const target = await lockOther(tx, actor, userId);
        const after = await postLedgerEntry(tx, {
          userId,
          account: body.account,
          delta: body.delta,
          // A grant is promotional (never withdrawable); a debit takes promotional money first.
          promo: body.delta > 0 ? body.delta : 'first',
          kind: 'admin_adjust',
          reason: body.reason,
          actorId: actor.userId,
        });
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'user.adjust-balance',
          targetType: 'user',
          targetId: userId,
          before: { [body.account]: after - body.delta },
          after: { [body.account]: after, delta: body.delta },
          reason: body.reason,
        });
        return {
          coins: body.account === 'coins' ? after : target.coins,
          beans: body.account === 'beans' ? after : target.beans,
          coinsDebt: target.coinsDebt,
        };
      });
      notifyWallet(userId);
      return result;
    },

    /** Clears the "needs a human look" flag (set by refunds); any debt stays until repaid. */
    async clearFlag(actor: Principal, userId: string, reason: string): Promise<AdminUser> {
      return db.transaction(async (tx) => {
        const target = await lockOther(tx, actor, userId);
        if (!target.flaggedAt) throw new AppError('CONFLICT', 'This account is not flagged.');
        const updated = await users.update(tx, userId, { flaggedAt: null, flagReason: null });
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'user.clear-flag',
          targetType: 'user',
          targetId: userId,
          before: { flaggedAt: target.flaggedAt.toISOString(), flagReason: target.flagReason },
          after: { flaggedAt: null, flagReason: null },
          reason,
        });
        return toAdminUser(updated);
      });
    },
  };
}

export type AdminBalanceService = ReturnType<typeof createAdminBalanceService>;
