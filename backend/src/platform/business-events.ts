import type { Metrics } from '../http/metrics.ts';
import type { Logger } from '../logger.ts';

export interface GiftFact {
  giftId: string;
  giftTypeId: string;
  streamId: string;
  senderId: string;
  recipientId: string;
  count: number;
  coins: number;
  beans: number;
  /** The ledger row that debited the sender (the streamer's is found by the gift id). */
  ledgerEntryId: number;
  senderCoinsAfter: number;
}

export interface PaymentFact {
  paymentId: string;
  userId: string;
  provider: string;
  coins: number;
  amountCents: number;
  currency: string;
}

export interface PayoutFact {
  payoutId: string;
  userId: string;
  beans: number;
  cashCents: number;
  currency: string;
  /** Who decided it (approve/reject); absent on a request. */
  adminId?: string;
}

/**
 * What the services report once a fact is committed: each call counts it on /metrics and, for a
 * movement of money, writes one info line with every id needed to find it in the ledger (the
 * ledger rows carry the gift, payment or payout id). Services see this interface, not prom-client.
 */
export interface BusinessEvents {
  chatMessage(): void;
  moderation(action: string): void;
  giftSent(gift: GiftFact): void;
  paymentStarted(provider: string): void;
  paymentCompleted(payment: PaymentFact): void;
  paymentClosed(payment: PaymentFact, status: 'failed' | 'expired'): void;
  paymentRefunded(payment: PaymentFact): void;
  /** `refused`: signed and recorded, but not applied (wrong mode, or the amount is not the package's). */
  webhook(outcome: 'processed' | 'duplicate' | 'rejected' | 'refused'): void;
  payoutRequested(payout: PayoutFact): void;
  payoutDecided(payout: PayoutFact, decision: 'approved' | 'rejected'): void;
  /** Stripe took the transfer (`paid`), or the money came back and the beans with it (`reversed`). */
  payoutSettled(payout: PayoutFact, outcome: 'paid' | 'reversed'): void;
}

export function createBusinessEvents({ business: m }: Metrics, logger: Logger): BusinessEvents {
  const money = logger.child({ money: true });
  return {
    chatMessage: () => m.chatMessages.inc(),
    moderation: (action) => m.moderationActions.inc({ action }),
    giftSent(gift) {
      m.gifts.inc(gift.count);
      m.coinsSpent.inc(gift.coins);
      m.beansEarned.inc(gift.beans);
      money.info({ movement: 'gift', ...gift }, 'gift sent: coins debited, beans owed to the streamer');
    },
    paymentStarted: (provider) => m.payments.inc({ provider, outcome: 'started' }),
    paymentCompleted(payment) {
      m.payments.inc({ provider: payment.provider, outcome: 'completed' });
      m.coinsBought.inc(payment.coins);
      money.info({ movement: 'purchase', ...payment }, 'purchase completed: coins credited');
    },
    paymentClosed(payment, status) {
      m.payments.inc({ provider: payment.provider, outcome: status });
      money.info({ movement: 'purchase', status, ...payment }, `purchase ${status}: nothing moved`);
    },
    paymentRefunded(payment) {
      m.payments.inc({ provider: payment.provider, outcome: 'refunded' });
      money.info({ movement: 'refund', ...payment }, 'purchase refunded: coins taken back');
    },
    webhook: (outcome) => m.webhooks.inc({ outcome }),
    payoutRequested(payout) {
      m.payouts.inc({ outcome: 'requested' });
      m.payoutBeans.inc({ outcome: 'requested' }, payout.beans);
      money.info({ movement: 'payout', status: 'requested', ...payout }, 'payout requested: beans held');
    },
    payoutDecided(payout, decision) {
      m.payouts.inc({ outcome: decision });
      m.payoutBeans.inc({ outcome: decision }, payout.beans);
      money.info(
        { movement: 'payout', status: decision, ...payout },
        decision === 'approved' ? 'payout approved: beans paid out' : 'payout rejected: beans released',
      );
    },
    payoutSettled(payout, outcome) {
      m.payouts.inc({ outcome });
      m.payoutBeans.inc({ outcome }, payout.beans);
      money.info(
        { movement: 'payout', status: outcome, ...payout },
        outcome === 'paid'
          ? 'payout paid: transfer to the connected account made'
          : 'payout reversed: money came back, beans returned',
      );
    },
  };
}
