import { CookieRefreshBody, LoginBody, LogoutBody, RefreshBody, RegisterBody } from '@airwave/shared';
import cookieParser from 'cookie-parser';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, clientMeta, principalOf } from '../http/auth.middleware.ts';
import type { UsersService } from '../users/users.service.ts';
import type { AuthService } from './auth.service.ts';
import type { RefreshCookies } from './refresh-cookie.ts';

/**
 * Sign-in, refresh and sign-out. Browser apps get their refresh token as an HttpOnly cookie (see
 * refresh-cookie.ts); other clients (the phone app) get it in the body and send it back in the body.
 */
export function authRoutes(
  auth: AuthService,
  users: UsersService,
  mw: AuthMiddleware,
  cookies: RefreshCookies,
): Router {
  const r = Router();
  r.use(cookieParser());

  r.post('/register', async (req, res) => {
    const app = cookies.appOf(req);
    const body = parseInput(RegisterBody, req.body, 'registration');
    const session = await auth.register(body, clientMeta(req));
    res.status(201).json(app ? cookies.send(res, app, session) : session);
  });

  r.post('/login', async (req, res) => {
    const app = cookies.appOf(req);
    const body = parseInput(LoginBody, req.body, 'login');
    const session = await auth.login(body, clientMeta(req));
    res.json(app ? cookies.send(res, app, session) : session);
  });

  r.post('/refresh', async (req, res) => {
    const app = cookies.appOf(req);
    if (!app) {
      const body = parseInput(RefreshBody, req.body, 'refresh request');
      res.json(await auth.refresh(body.refreshToken, clientMeta(req)));
      return;
    }
    parseInput(CookieRefreshBody, req.body ?? {}, 'refresh request');
    const token = cookies.read(req, app);
    // No cookie: a visitor who is not signed in. Every page load asks, so this is an answer, not an error.
    if (!token) {
      res.status(204).end();
      return;
    }
    try {
      res.json(cookies.send(res, app, await auth.refresh(token, clientMeta(req))));
    } catch (err) {
      // A refused refresh (expired, revoked, or a reused token that just ended its family) leaves
      // nothing worth keeping in the browser.
      cookies.clear(res, app);
      throw err;
    }
  });

  r.post('/logout', mw.requireAuth, async (req, res) => {
    const app = cookies.appOf(req);
    const body = parseInput(LogoutBody, req.body ?? {}, 'logout request');
    await auth.logout(principalOf(req), body.allDevices);
    if (app) cookies.clear(res, app);
    res.status(204).end();
  });

  r.get('/me', mw.requireAuth, async (req, res) => {
    res.json(await users.me(principalOf(req).userId));
  });

  return r;
}
