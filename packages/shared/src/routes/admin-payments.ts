import { AdminPayment, AdminPaymentList, AdminPaymentsQuery, AdminReasonBody } from '../admin.ts';
import { IdParams } from '../users.ts';
import { admins, route } from './route.ts';

export const adminPaymentsRoutes = {
  adminPayments: route({
    method: 'get',
    path: '/api/admin/payments',
    summary: 'Purchases, filtered and paged',
    auth: admins,
    query: AdminPaymentsQuery,
    response: AdminPaymentList,
  }),
  refundPayment: route({
    method: 'post',
    path: '/api/admin/payments/:id/refund',
    summary: 'Refund a completed purchase (coins already spent become a debt)',
    auth: admins,
    params: IdParams,
    body: AdminReasonBody,
    labels: { params: 'payment id', body: 'refund' },
    response: AdminPayment,
  }),
};
