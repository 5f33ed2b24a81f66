import type { AdminPayment, AdminPaymentList, Principal } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import { toAdminPayment } from './admin.mappers.ts';
import type { AdminPaymentsRepository, PaymentFilter } from './admin-payments.repository.ts';
import { assertNotOwn } from './four-eyes.ts';

interface Deps {
  db: Db;
  repo: AdminPaymentsRepository;
  payments: PaymentsService;
  notifyWallet: WalletNotifier;
}

export function createAdminPaymentsService({ db, repo, payments, notifyWallet }: Deps) {
  async function load(id: string) {
    const row = await repo.find(id);
    if (!row) throw new AppError('NOT_FOUND', 'No such payment.');
    return row;
  }

  return {
    list: (f: PaymentFilter): Promise<AdminPaymentList> => repo.list(f),

    /**
     * Marks a completed payment refunded through the same path as Stripe's `charge.refunded`
     * (coins taken back, what was spent becomes debt, `payment.refund` audited with this admin).
     * It records the refund; the money itself is returned in the provider's dashboard, whose
     * later webhook then finds the payment refunded and changes nothing. Repeating is a no-op.
     */
    async refund(actor: Principal, id: string, reason: string): Promise<AdminPayment> {
      const found = await load(id);
      assertNotOwn(actor, found.payment.userId, 'payment');
      if (found.payment.status === 'refunded') return toAdminPayment(found);
      if (found.payment.status !== 'completed') {
        throw new AppError(
          'CONFLICT',
          `This payment is ${found.payment.status}; only a completed one can be refunded.`,
        );
      }
      const moved = await db.transaction((tx) =>
        payments.inTx.refund(tx, id, { actorId: actor.userId, reason: `admin: ${reason}` }),
      );
      if (moved) notifyWallet(moved.userId);
      return toAdminPayment(await load(id));
    },
  };
}

export type AdminPaymentsService = ReturnType<typeof createAdminPaymentsService>;
