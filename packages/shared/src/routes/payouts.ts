import { z } from 'zod';
import { AdminPayoutList, AdminReasonBody } from '../admin.ts';
import { Payout, PayoutBody } from '../economy.ts';
import { IdParams } from '../users.ts';
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
    summary: 'Payout requests waiting for a decision',
    auth: admins,
    response: AdminPayoutList,
  }),
  approvePayout: decision('approve', 'Approve a payout: the held beans are paid out'),
  rejectPayout: decision('reject', 'Reject a payout: the held beans go back'),
};
