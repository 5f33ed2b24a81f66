import {
  AdminAdjustBalanceBody,
  AdminReasonBody,
  AdminSuspendBody,
  AdminUsersQuery,
  UserIdParams,
} from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { AdminBalanceService } from './admin-balance.service.ts';
import type { AdminUsersService } from './admin-users.service.ts';
import type { AdminUsersQueryService } from './admin-users-query.service.ts';

interface Services {
  query: AdminUsersQueryService;
  accounts: AdminUsersService;
  balance: AdminBalanceService;
}

/** /api/admin/users: admins only (role, ban and unban live in admin.routes.ts). */
export function adminUsersRoutes({ query, accounts, balance }: Services, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth, mw.requireRole('admin'));

  r.get('/', async (req, res) => {
    res.json(await query.list(parseInput(AdminUsersQuery, req.query, 'query')));
  });

  r.get('/:id', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    res.json(await query.detail(id));
  });

  r.post('/:id/suspend', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const body = parseInput(AdminSuspendBody, req.body, 'suspension');
    res.json(await accounts.suspend(principalOf(req), id, body));
  });

  r.post('/:id/adjust-balance', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const body = parseInput(AdminAdjustBalanceBody, req.body, 'balance adjustment');
    res.json(await balance.adjust(principalOf(req), id, body));
  });

  r.post('/:id/clear-flag', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const { reason } = parseInput(AdminReasonBody, req.body, 'clear flag');
    res.json(await balance.clearFlag(principalOf(req), id, reason));
  });

  return r;
}
