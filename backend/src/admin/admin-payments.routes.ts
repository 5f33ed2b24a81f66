import { AdminPaymentsQuery, AdminReasonBody, IdParams } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { AdminPaymentsService } from './admin-payments.service.ts';

/** /api/admin/payments: admins only. */
export function adminPaymentsRoutes(service: AdminPaymentsService, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth, mw.requireRole('admin'));

  r.get('/', async (req, res) => {
    res.json(await service.list(parseInput(AdminPaymentsQuery, req.query, 'query')));
  });

  r.post('/:id/refund', async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'payment id');
    const { reason } = parseInput(AdminReasonBody, req.body, 'refund');
    res.json(await service.refund(principalOf(req), id, reason));
  });

  return r;
}
