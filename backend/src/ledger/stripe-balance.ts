import Stripe from 'stripe';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';

type StripeSettings = NonNullable<Config['payments']['stripe']>;

/** A Stripe balance transaction reduced to what the reconciliation compares. */
export interface StripeMovement {
  id: string;
  /** Stripe's type: charge, payment, refund, payment_refund, payout, transfer, adjustment... */
  type: string;
  /** Gross amount in the currency's minor units (refunds negative), as the clearing account books it. */
  amount: number;
  currency: string;
  paymentIntentId: string | null;
}

const intentOf = (source: Stripe.BalanceTransaction['source']): string | null => {
  if (!source || typeof source === 'string') return null;
  const pi = 'payment_intent' in source ? source.payment_intent : null;
  if (!pi) return null;
  return typeof pi === 'string' ? pi : pi.id;
};

/** Reads the Stripe account's balance transactions through the real SDK (the fake Stripe in tests). */
export function createStripeBalance(settings: StripeSettings, logger: Logger) {
  const base = settings.apiBase;
  const stripe = new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'http:' ? 80 : 443),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
  });

  return {
    /** Every balance transaction, page after page (the SDK's auto-pagination), with its source expanded. */
    async all(): Promise<StripeMovement[]> {
      const out: StripeMovement[] = [];
      try {
        // The source (charge or refund) names the PaymentIntent the ledger knows the payment by.
        for await (const bt of stripe.balanceTransactions.list({ limit: 100, expand: ['data.source'] })) {
          out.push({
            id: bt.id,
            type: bt.type,
            amount: bt.amount,
            currency: bt.currency.toLowerCase(),
            paymentIntentId: intentOf(bt.source),
          });
        }
      } catch (err) {
        logger.warn({ err }, 'stripe: list balance transactions failed');
        throw new AppError('PAYMENTS_UNAVAILABLE', 'Stripe is not reachable right now; try again.');
      }
      return out;
    },
  };
}

export type StripeBalance = ReturnType<typeof createStripeBalance>;
