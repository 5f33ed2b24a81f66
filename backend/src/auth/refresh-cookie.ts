import { type AuthResponse, CookieSessionApp, SESSION_COOKIE_HEADER, type TokenPair } from '@airwave/shared';
import type { CookieOptions, Request, Response } from 'express';
import { AppError, parseInput } from '../core/app-error.ts';

/** The refresh token's cookie is sent to the auth endpoints only, never to pages or other API calls. */
export const REFRESH_COOKIE_PATH = '/api/auth';
export const refreshCookieName = (app: CookieSessionApp) => `airwave_refresh_${app}`;

const BASE: CookieOptions = {
  httpOnly: true,
  // Browsers accept Secure cookies from https origins and from http://localhost / 127.0.0.1 only.
  secure: true,
  sameSite: 'strict',
  path: REFRESH_COOKIE_PATH,
};

/**
 * The browser apps' refresh cookie. CSRF defence on every endpoint that sets or reads it (ASVS 5.0
 * V3.5.1/V3.5.2): the cookie is SameSite=Strict, cookie mode needs the non-safelisted
 * `x-airwave-session` header (a cross-origin page cannot send it without a CORS preflight that the
 * allowlist refuses), and the request's Origin must be this server's own or one of the CORS origins.
 */
export function refreshCookies(allowedOrigins: string[]) {
  const allowed = new Set(allowedOrigins);

  return {
    /** The app asking for cookie mode, or undefined for a body-token client such as the phone app. */
    appOf(req: Request): CookieSessionApp | undefined {
      const header = req.get(SESSION_COOKIE_HEADER);
      if (header === undefined) return undefined;
      const app = parseInput(CookieSessionApp, header, `${SESSION_COOKIE_HEADER} header`);
      // This server's own origin as the browser addressed it, or one of the allowed origins.
      const origin = req.get('origin');
      if (!origin || !(allowed.has(origin) || origin === `${req.protocol}://${req.get('host')}`)) {
        throw new AppError('FORBIDDEN', 'This request must come from one of the Airwave apps.');
      }
      return app;
    },
    read(req: Request, app: CookieSessionApp): string | undefined {
      const value: unknown = req.cookies?.[refreshCookieName(app)];
      return typeof value === 'string' && value ? value : undefined;
    },
    /** Puts the refresh token in the cookie and answers with everything else. */
    send<T extends TokenPair | AuthResponse>(res: Response, app: CookieSessionApp, tokens: T) {
      const { refreshToken, refreshTokenExpiresAt, ...rest } = tokens;
      res.cookie(refreshCookieName(app), refreshToken, { ...BASE, expires: new Date(refreshTokenExpiresAt) });
      return rest;
    },
    clear(res: Response, app: CookieSessionApp) {
      res.clearCookie(refreshCookieName(app), BASE);
    },
  };
}

export type RefreshCookies = ReturnType<typeof refreshCookies>;
