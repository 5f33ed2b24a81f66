import { z } from 'zod';
import {
  CheckoutBody,
  CheckoutResponse,
  CoinPackageList,
  DevCompleteBody,
  Payment,
  PaymentList,
} from '../economy.ts';
import { route } from './route.ts';

/** What the Stripe webhook answers a delivery it accepted. */
export const WebhookOutcome = z.object({
  received: z.literal(true),
  /** True when this event id was handled before: a redelivery changes nothing. */
  duplicate: z.boolean(),
});
export type WebhookOutcome = z.infer<typeof WebhookOutcome>;

export const paymentsRoutes = {
  coinPackages: route({
    method: 'get',
    path: '/api/coins/packages',
    summary: 'The coin packages on sale (public, so the shop shows prices before sign-in)',
    auth: 'none',
    response: CoinPackageList,
  }),
  checkout: route({
    method: 'post',
    path: '/api/payments/checkout',
    summary: 'Start buying a coin package; answers where to send the buyer',
    auth: 'user',
    body: CheckoutBody,
    labels: { body: 'checkout' },
    response: CheckoutResponse,
    status: 201,
  }),
  myPayments: route({
    method: 'get',
    path: '/api/payments',
    summary: "The signed-in user's purchases",
    auth: 'user',
    response: PaymentList,
  }),
  devComplete: route({
    method: 'post',
    path: '/api/payments/dev/complete',
    summary: 'Complete a purchase with the dev provider (no real money; off in production)',
    auth: 'user',
    body: DevCompleteBody,
    labels: { body: 'dev completion' },
    response: Payment,
  }),
  stripeWebhook: route({
    method: 'post',
    path: '/api/payments/webhook/stripe',
    summary: "Stripe's event deliveries, signed in the Stripe-Signature header",
    auth: 'none',
    body: {
      raw: ['application/json'],
      what: 'event',
      limit: 1024 * 1024,
      description: 'The event exactly as Stripe sent it: the signature covers these bytes',
    },
    response: WebhookOutcome,
    headers: { 'stripe-signature': "Stripe's signature of the body" },
  }),
};
