import { ChangePasswordBody, UpdateMeBody, UserIdParams } from '@airwave/shared';
import { Router } from 'express';
import type { AuthService } from '../auth/auth.service.ts';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, clientMeta, principalOf } from '../http/auth.middleware.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(users: UsersService, auth: AuthService, mw: AuthMiddleware): Router {
  const r = Router();

  r.patch('/me', mw.requireAuth, async (req, res) => {
    const body = parseInput(UpdateMeBody, req.body, 'profile update');
    res.json(await users.updateMe(principalOf(req).userId, body));
  });

  r.post('/me/password', mw.requireAuth, async (req, res) => {
    const body = parseInput(ChangePasswordBody, req.body, 'password change');
    await auth.changePassword(principalOf(req), body, clientMeta(req));
    res.status(204).end();
  });

  r.get('/:id', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    res.json(await users.profile(id));
  });

  return r;
}
