import { z } from 'zod';
import { AdminPayoutList, AdminReasonBody } from '../admin.ts';
import { Payout, PayoutAccount, PayoutBody, PayoutOnboardingLink } from '../economy.ts';
import { IdParams } from '../users.ts';
import { WebhookOutcome } from './payments.ts';
import { admins, route } from './route.ts';

export const PayoutList = z.object({ items: z.array(Payout) });
export type PayoutList = z.infer<typeof PayoutList>;

const decision = (verb: 'approve' | 'reject', summary: string) =>
  route({
    method: 'post',
    path: `/api/admin/payouts/:id/${verb}`,
    summary,
    auth: admins,
    params: IdParams,
    body: AdminReasonBody,
    labels: { params: 'payout id', body: 'decision' },
    response: Payout,
  });

export const payoutsRoutes = {
  payoutAccount: route({
    method: 'get',
    path: '/api/payouts/account',
    summary:
      "The signed-in streamer's payout account: not connected, onboarding (with what is missing) or ready",
    auth: 'user',
    response: PayoutAccount,
  }),
  payoutOnboarding: route({
    method: 'post',
    path: '/api/payouts/account/onboarding',
    summary:
      "Connect (or continue setting up) a Stripe Express payout account; answers Stripe's onboarding link",
    auth: 'user',
    response: PayoutOnboardingLink,
  }),
  stripeConnectWebhook: route({
    method: 'post',
    path: '/api/payouts/webhook/stripe-connect',
    summary:
      "Stripe's Connect event deliveries (events on streamers' accounts), signed in the Stripe-Signature header",
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
  requestPayout: route({
    method: 'post',
    path: '/api/payouts',
    summary: 'Ask to cash out withdrawable beans (held until an admin decides)',
    auth: 'user',
    body: PayoutBody,
    labels: { body: 'payout request' },
    response: Payout,
    status: 201,
  }),
  myPayouts: route({
    method: 'get',
    path: '/api/payouts',
    summary: "The signed-in user's payout requests",
    auth: 'user',
    response: PayoutList,
  }),
  pendingPayouts: route({
    method: 'get',
    path: '/api/admin/payouts',
    summary:
      'Payout requests waiting for a decision, then those still being paid (paying: Stripe not done yet)',
    auth: admins,
    response: AdminPayoutList,
  }),
  approvePayout: decision('approve', 'Approve a payout: the held beans are paid out'),
  rejectPayout: decision('reject', 'Reject a payout: the held beans go back'),
};
