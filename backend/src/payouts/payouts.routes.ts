import type { payoutsRoutes } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Handlers } from '../http/register-routes.ts';
import type { PayoutsService } from './payouts.service.ts';
import type { PayoutEventHandler } from './stripe-payout-events.ts';

export function payoutsHandlers(
  payouts: PayoutsService,
  events: PayoutEventHandler | undefined,
): Handlers<typeof payoutsRoutes> {
  return {
    payoutAccount: ({ principal }) => payouts.account(principal.userId),
    payoutOnboarding: ({ principal }) => payouts.onboarding(principal),
    async stripeConnectWebhook({ body, req }) {
      if (!events) throw new AppError('PAYMENTS_UNAVAILABLE', 'Stripe is not configured on this server.');
      return events.connectWebhook(body, req.get('stripe-signature'));
    },
    requestPayout: ({ principal, body }) => payouts.request(principal, body),
    myPayouts: async ({ principal }) => ({ items: await payouts.mine(principal.userId) }),
    pendingPayouts: async () => ({ items: await payouts.pending() }),
    approvePayout: ({ principal, params, body }) =>
      payouts.decide(principal, params.id, 'approved', body.reason),
    rejectPayout: ({ principal, params, body }) =>
      payouts.decide(principal, params.id, 'rejected', body.reason),
  };
}
