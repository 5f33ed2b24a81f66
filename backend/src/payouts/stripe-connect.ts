import type Stripe from 'stripe';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import { createStripeClient } from '../payments/stripe-provider.ts';

type StripeSettings = NonNullable<Config['payments']['stripe']>;

/** What the payouts service needs to know about one payout to pay it. */
export interface PayoutToPay {
  id: string;
  cashCents: number;
  currency: string;
  stripeAccountId: string;
}

/**
 * The Stripe Connect calls payouts make, through the real SDK. Every call that creates money
 * movement carries an idempotency key derived from our payout id, so a retry (ours, or the SDK's on a
 * timeout) gets the object the first call created instead of a second one.
 */
export interface ConnectGateway {
  createAccount(user: { id: string; email: string }): Promise<Stripe.Account>;
  onboardingLink(accountId: string): Promise<string>;
  /** The transfer made for a payout earlier, found by its transfer group (idempotency keys expire after 24 h). */
  findTransfer(payoutId: string): Promise<string | undefined>;
  transfer(payout: PayoutToPay): Promise<string>;
  /** A bank payout on the connected account for exactly this transfer's money (its schedule is manual). */
  bankPayout(payout: PayoutToPay): Promise<string>;
  /** Pulls a transfer's money back to the platform (a failed bank payout left it on the connected account). */
  reverseTransfer(transferId: string, payoutId: string): Promise<void>;
  /** Verifies a Connect-endpoint delivery (signed with STRIPE_CONNECT_WEBHOOK_SECRET). */
  verifyConnectWebhook(rawBody: Buffer, signature: string | undefined): Stripe.Event;
}

const unavailable = () =>
  new AppError('PAYMENTS_UNAVAILABLE', 'The payment provider is not reachable right now; try again.');

export function createConnectGateway(
  settings: StripeSettings,
  publicUrl: string,
  logger: Logger,
): ConnectGateway {
  const stripe = createStripeClient(settings);

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      logger.warn({ err }, `stripe connect: ${what} failed`);
      // Keep Stripe's message for the payout's last_error (the admin panel shows why it is stuck).
      const message = err instanceof Error ? err.message : String(err);
      throw Object.assign(unavailable(), { stripeMessage: message });
    }
  }

  return {
    createAccount: (user) =>
      call('create account', () =>
        stripe.accounts.create(
          {
            type: 'express',
            country: settings.connectCountry,
            email: user.email,
            capabilities: { transfers: { requested: true } },
            // Manual payouts: we create one bank payout per Airwave payout, so a failed one names
            // exactly which payout's money came back (automatic payouts batch several together).
            settings: { payouts: { schedule: { interval: 'manual' } } },
            metadata: { userId: user.id },
          },
          // Two concurrent "Connect" clicks get one account from Stripe, not two.
          { idempotencyKey: `airwave-account-${user.id}` },
        ),
      ),

    async onboardingLink(accountId) {
      const link = await call('create account link', () =>
        stripe.accountLinks.create({
          account: accountId,
          type: 'account_onboarding',
          refresh_url: `${publicUrl}/dashboard?payoutAccount=refresh`,
          return_url: `${publicUrl}/dashboard?payoutAccount=return`,
        }),
      );
      return link.url;
    },

    async findTransfer(payoutId) {
      const list = await call('list transfers', () =>
        stripe.transfers.list({ transfer_group: `payout_${payoutId}`, limit: 1 }),
      );
      return list.data[0]?.id;
    },

    async transfer(p) {
      const transfer = await call('create transfer', () =>
        stripe.transfers.create(
          {
            amount: p.cashCents,
            currency: p.currency,
            destination: p.stripeAccountId,
            transfer_group: `payout_${p.id}`,
            metadata: { payoutId: p.id },
          },
          { idempotencyKey: `airwave-transfer-${p.id}` },
        ),
      );
      return transfer.id;
    },

    async bankPayout(p) {
      const payout = await call('create bank payout', () =>
        stripe.payouts.create(
          { amount: p.cashCents, currency: p.currency, metadata: { payoutId: p.id } },
          { idempotencyKey: `airwave-bank-payout-${p.id}`, stripeAccount: p.stripeAccountId },
        ),
      );
      return payout.id;
    },

    async reverseTransfer(transferId, payoutId) {
      await call('reverse transfer', () =>
        stripe.transfers.createReversal(
          transferId,
          { metadata: { payoutId, reason: 'bank payout failed' } },
          { idempotencyKey: `airwave-reversal-${payoutId}` },
        ),
      );
    },

    verifyConnectWebhook(rawBody, signature) {
      if (!settings.connectWebhookSecret) {
        throw new AppError(
          'PAYMENTS_UNAVAILABLE',
          'STRIPE_CONNECT_WEBHOOK_SECRET is not set: Connect events cannot be verified.',
        );
      }
      if (!signature) {
        throw new AppError('VALIDATION_FAILED', 'The Stripe-Signature header is missing.', [
          { path: 'stripe-signature', message: 'is required' },
        ]);
      }
      try {
        return stripe.webhooks.constructEvent(rawBody, signature, settings.connectWebhookSecret);
      } catch (err) {
        throw new AppError('VALIDATION_FAILED', 'The Stripe signature could not be verified.', [
          { path: 'stripe-signature', message: err instanceof Error ? err.message : 'is invalid' },
        ]);
      }
    },
  };
}

/** Stripe's message behind a failed call, for the payout's last_error. */
export const stripeMessageOf = (err: unknown): string =>
  (err as { stripeMessage?: string }).stripeMessage ?? (err instanceof Error ? err.message : String(err));
