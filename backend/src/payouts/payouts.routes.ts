import type { payoutsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { PayoutsService } from './payouts.service.ts';

export function payoutsHandlers(payouts: PayoutsService): Handlers<typeof payoutsRoutes> {
  return {
    requestPayout: ({ principal, body }) => payouts.request(principal, body),
    myPayouts: async ({ principal }) => ({ items: await payouts.mine(principal.userId) }),
    pendingPayouts: async () => ({ items: await payouts.pending() }),
    approvePayout: ({ principal, params, body }) =>
      payouts.decide(principal, params.id, 'approved', body.reason),
    rejectPayout: ({ principal, params, body }) =>
      payouts.decide(principal, params.id, 'rejected', body.reason),
  };
}
