import type { paymentsRoutes } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Handlers } from '../http/register-routes.ts';
import type { PaymentsService } from './payments.service.ts';
import type { StripeWebhookHandler } from './stripe-webhook.ts';

/**
 * The shop (public, so it shows prices before anyone signs in), the buyer's side of purchases, and
 * Stripe's webhook, which reads the raw body: the signature covers the exact bytes Stripe sent.
 */
export function paymentsHandlers(
  payments: PaymentsService,
  webhook: StripeWebhookHandler | undefined,
): Handlers<typeof paymentsRoutes> {
  return {
    coinPackages: async () => ({ items: await payments.packages() }),
    checkout: ({ principal, body }) => payments.checkout(principal, body),
    myPayments: async ({ principal }) => ({ items: await payments.mine(principal.userId) }),
    devComplete: ({ principal, body }) => payments.devComplete(principal, body.paymentId),
    async stripeWebhook({ body, req }) {
      if (!webhook) throw new AppError('PAYMENTS_UNAVAILABLE', 'Stripe is not configured on this server.');
      return webhook(body, req.get('stripe-signature'));
    },
  };
}
