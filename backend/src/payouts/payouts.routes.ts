import { AdminReasonBody, IdParams, PayoutBody } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { PayoutsService } from './payouts.service.ts';

export function payoutsRoutes(payouts: PayoutsService, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth);
  r.post('/', async (req, res) => {
    const body = parseInput(PayoutBody, req.body, 'payout request');
    res.status(201).json(await payouts.request(principalOf(req), body));
  });
  r.get('/', async (req, res) => {
    res.json({ items: await payouts.mine(principalOf(req).userId) });
  });
  return r;
}

/** /api/admin/payouts: deciding payouts is for admins only. */
export function adminPayoutsRoutes(payouts: PayoutsService, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth, mw.requireRole('admin'));
  r.get('/', async (_req, res) => {
    res.json({ items: await payouts.pending() });
  });
  for (const [path, decision] of [
    ['/:id/approve', 'approved'],
    ['/:id/reject', 'rejected'],
  ] as const) {
    r.post(path, async (req, res) => {
      const { id } = parseInput(IdParams, req.params, 'payout id');
      const { reason } = parseInput(AdminReasonBody, req.body, 'decision');
      res.json(await payouts.decide(principalOf(req), id, decision, reason));
    });
  }
  return r;
}
