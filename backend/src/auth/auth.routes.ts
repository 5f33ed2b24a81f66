import { LoginBody, LogoutBody, RefreshBody, RegisterBody } from '@airwave/shared';
import { Router } from 'express';
import { type AuthMiddleware, clientMeta, principalOf } from '../http/auth.middleware.ts';
import { parseInput } from '../http/errors.ts';
import type { UsersService } from '../users/users.service.ts';
import type { AuthService } from './auth.service.ts';

export function authRoutes(auth: AuthService, users: UsersService, mw: AuthMiddleware): Router {
  const r = Router();

  r.post('/register', async (req, res) => {
    const body = parseInput(RegisterBody, req.body, 'registration');
    res.status(201).json(await auth.register(body, clientMeta(req)));
  });

  r.post('/login', async (req, res) => {
    const body = parseInput(LoginBody, req.body, 'login');
    res.json(await auth.login(body, clientMeta(req)));
  });

  r.post('/refresh', async (req, res) => {
    const body = parseInput(RefreshBody, req.body, 'refresh request');
    res.json(await auth.refresh(body.refreshToken, clientMeta(req)));
  });

  r.post('/logout', mw.requireAuth, async (req, res) => {
    const body = parseInput(LogoutBody, req.body ?? {}, 'logout request');
    await auth.logout(principalOf(req), body.allDevices);
    res.status(204).end();
  });

  r.get('/me', mw.requireAuth, async (req, res) => {
    res.json(await users.me(principalOf(req).userId));
  });

  return r;
}
