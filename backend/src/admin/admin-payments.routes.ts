import type { adminPaymentsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AdminPaymentsService } from './admin-payments.service.ts';

/** /api/admin/payments: admins only. */
export function adminPaymentsHandlers(service: AdminPaymentsService): Handlers<typeof adminPaymentsRoutes> {
  return {
    adminPayments: ({ query }) => service.list(query),
    refundPayment: ({ principal, params, body }) => service.refund(principal, params.id, body.reason),
  };
}
