import { AdminBanBody, AdminReasonBody, AdminRoleBody, UserIdParams } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { AdminUsersService } from './admin-users.service.ts';

/** /api/admin: every route here is for admins only. */
export function adminRoutes(adminUsers: AdminUsersService, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth, mw.requireRole('admin'));

  r.patch('/users/:id/role', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const body = parseInput(AdminRoleBody, req.body, 'role change');
    res.json(await adminUsers.setRole(principalOf(req), id, body));
  });

  r.post('/users/:id/ban', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const body = parseInput(AdminBanBody, req.body, 'ban');
    await adminUsers.ban(principalOf(req), id, body);
    res.status(204).end();
  });

  r.post('/users/:id/unban', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const body = parseInput(AdminReasonBody, req.body, 'unban');
    await adminUsers.unban(principalOf(req), id, body.reason);
    res.status(204).end();
  });

  return r;
}
