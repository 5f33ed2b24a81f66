import { type authRoutes, CookieRefreshBody, RefreshBody } from '@airwave/shared';
import { parseInput } from '../core/app-error.ts';
import { clientMeta } from '../http/auth.middleware.ts';
import type { Handlers } from '../http/register-routes.ts';
import type { UsersService } from '../users/users.service.ts';
import type { AuthService } from './auth.service.ts';
import type { RefreshCookies } from './refresh-cookie.ts';

/**
 * Sign-in, refresh and sign-out. Browser apps get their refresh token as an HttpOnly cookie (see
 * refresh-cookie.ts); other clients (the phone app) get it in the body and send it back in the body.
 */
export function authHandlers(
  auth: AuthService,
  users: UsersService,
  cookies: RefreshCookies,
): Handlers<typeof authRoutes> {
  return {
    async register({ body, req, res }) {
      const app = cookies.appOf(req);
      const session = await auth.register(body, clientMeta(req));
      return app ? cookies.send(res, app, session) : session;
    },
    async login({ body, req, res }) {
      const app = cookies.appOf(req);
      const session = await auth.login(body, clientMeta(req));
      return app ? cookies.send(res, app, session) : session;
    },
    async refresh({ body, req, res }) {
      const app = cookies.appOf(req);
      if (!app) {
        const { refreshToken } = parseInput(RefreshBody, body, 'refresh request');
        return auth.refresh(refreshToken, clientMeta(req));
      }
      parseInput(CookieRefreshBody, body, 'refresh request');
      const token = cookies.read(req, app);
      // No cookie: a visitor who is not signed in. Every page load asks, so this is an answer, not an error.
      if (!token) return undefined;
      try {
        return cookies.send(res, app, await auth.refresh(token, clientMeta(req)));
      } catch (err) {
        // A refused refresh (expired, revoked, or a reused token that just ended its family) leaves
        // nothing worth keeping in the browser.
        cookies.clear(res, app);
        throw err;
      }
    },
    async logout({ principal, body, req, res }) {
      const app = cookies.appOf(req);
      await auth.logout(principal, body.allDevices);
      if (app) cookies.clear(res, app);
    },
    me: ({ principal }) => users.me(principal.userId),
  };
}
