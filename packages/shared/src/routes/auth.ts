import { z } from 'zod';
import {
  AccessTokenResponse,
  AuthResponse,
  CookieAuthResponse,
  LoginBody,
  LogoutBody,
  RefreshBody,
  RegisterBody,
  SESSION_COOKIE_HEADER,
  TokenPair,
} from '../auth.ts';
import { Me } from '../users.ts';
import { route } from './route.ts';

const cookieMode = {
  [SESSION_COOKIE_HEADER]:
    'web or admin: a browser app; the refresh token travels in an HttpOnly cookie, not in the body',
};

/**
 * Refresh takes the token in the body, or (cookie mode) nothing at all; the handler then holds each
 * mode to its own exact shape (RefreshBody, CookieRefreshBody).
 */
export const RefreshRequestBody = z
  .object({ refreshToken: RefreshBody.shape.refreshToken.optional() })
  .strict()
  .default({});

export const authRoutes = {
  register: route({
    method: 'post',
    path: '/api/auth/register',
    summary: 'Create an account and sign in',
    auth: 'none',
    body: RegisterBody,
    labels: { body: 'registration' },
    response: z.union([AuthResponse, CookieAuthResponse]),
    status: 201,
    headers: cookieMode,
  }),
  login: route({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with email and password',
    auth: 'none',
    body: LoginBody,
    labels: { body: 'login' },
    response: z.union([AuthResponse, CookieAuthResponse]),
    headers: cookieMode,
  }),
  refresh: route({
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Trade a refresh token for a new token pair (the old refresh token is spent)',
    auth: 'none',
    body: RefreshRequestBody,
    labels: { body: 'refresh request' },
    response: z.union([TokenPair, AccessTokenResponse]),
    noContentWhen: 'cookie mode, and the browser holds no refresh cookie (a signed-out visitor)',
    headers: cookieMode,
  }),
  logout: route({
    method: 'post',
    path: '/api/auth/logout',
    summary: "Sign out this session (or every session of the user's)",
    auth: 'user',
    body: LogoutBody,
    labels: { body: 'logout request' },
    response: null,
    headers: cookieMode,
  }),
  me: route({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user, with balances',
    auth: 'user',
    response: Me,
  }),
};
