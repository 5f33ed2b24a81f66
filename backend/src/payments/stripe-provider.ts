import Stripe from 'stripe';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import { type CheckoutProvider, returnUrl } from './provider.ts';

type StripeSettings = NonNullable<Config['payments']['stripe']>;

export interface StripeProvider extends CheckoutProvider {
  /** True for a live key (`sk_live_`/`rk_live_`): only live-mode events may move coins then, and only test-mode ones otherwise. */
  readonly live: boolean;
  /** Parses a webhook after checking its signature and age; anything else is a 400 and changes nothing. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): Stripe.Event;
  /** The Checkout Session that created a PaymentIntent, for refunds we cannot match locally. */
  sessionIdForIntent(paymentIntentId: string): Promise<string | undefined>;
}

/** The SDK client every Stripe caller uses (payments here, Connect payouts in payouts/). */
export function createStripeClient(settings: Pick<StripeSettings, 'secretKey' | 'apiBase'>): Stripe {
  const base = settings.apiBase;
  return new Stripe(settings.secretKey, {
    // The SDK retries network failures and 5xx with the same Idempotency-Key on POSTs.
    maxNetworkRetries: 2,
    timeout: 10_000,
    // Tests point the real SDK at a local fake Stripe; production leaves it on api.stripe.com.
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'http:' ? 80 : 443),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
  });
}

export function createStripeProvider(
  settings: StripeSettings,
  publicUrl: string,
  logger: Logger,
): StripeProvider {
  const stripe = createStripeClient(settings);

  /** Stripe being down is not our bug: say so with a code the client can show and retry on. */
  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      logger.warn({ err }, `stripe: ${what} failed`);
      throw new AppError(
        'PAYMENTS_UNAVAILABLE',
        'The payment provider is not reachable right now; try again.',
      );
    }
  }

  return {
    name: 'stripe',
    test: /^(sk|rk)_test_/.test(settings.secretKey),
    live: /^(sk|rk)_live_/.test(settings.secretKey),

    async createCheckout(payment) {
      const session = await call('create checkout session', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'payment',
            client_reference_id: payment.id,
            metadata: { paymentId: payment.id, userId: payment.userId },
            payment_intent_data: { metadata: { paymentId: payment.id } },
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: payment.currency,
                  unit_amount: payment.amount,
                  product_data: { name: `${payment.coinsReceived} Airwave coins` },
                },
              },
            ],
            success_url: returnUrl(publicUrl, payment.id, 'success'),
            cancel_url: returnUrl(publicUrl, payment.id, 'cancel'),
          },
          // Two concurrent retries of one checkout get the same session from Stripe, not two.
          { idempotencyKey: `airwave-checkout-${payment.id}` },
        ),
      );
      if (!session.url) throw new AppError('PAYMENTS_UNAVAILABLE', 'Stripe returned no checkout URL.');
      return { transactionId: session.id, url: session.url };
    },

    async resumeUrl(payment) {
      if (!payment.transactionId) return returnUrl(publicUrl, payment.id, 'cancel');
      const id = payment.transactionId;
      const session = await call('retrieve checkout session', () => stripe.checkout.sessions.retrieve(id));
      if (session.status === 'open' && session.url) return session.url;
      // Only a completed session may show the success page; an expired one (Stripe closes unpaid
      // sessions after 24 h) says so, and the wallet offers a fresh checkout instead.
      return returnUrl(publicUrl, payment.id, session.status === 'complete' ? 'success' : 'expired');
    },

    verifyWebhook(rawBody, signature) {
      if (!signature) {
        throw new AppError('VALIDATION_FAILED', 'The Stripe-Signature header is missing.', [
          { path: 'stripe-signature', message: 'is required' },
        ]);
      }
      try {
        // Checks the HMAC and that the timestamp is within the SDK's tolerance (5 minutes): replays
        // of an old captured request are refused even with a valid signature.
        return stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret);
      } catch (err) {
        throw new AppError('VALIDATION_FAILED', 'The Stripe signature could not be verified.', [
          { path: 'stripe-signature', message: err instanceof Error ? err.message : 'is invalid' },
        ]);
      }
    },

    async sessionIdForIntent(paymentIntentId) {
      const list = await call('list checkout sessions', () =>
        stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 }),
      );
      return list.data[0]?.id;
    },
  };
}
