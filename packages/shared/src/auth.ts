import { z } from 'zod';
import { plainText } from './text.ts';
import { Email, Me, Nickname, PASSWORD_MAX, Password } from './users.ts';

export const RegisterBody = z.object({ email: Email, password: Password, nickname: Nickname }).strict();
export type RegisterBody = z.infer<typeof RegisterBody>;

/** Login does not re-check password rules: an old account may predate them. */
export const LoginBody = z
  .object({ email: Email, password: plainText().min(1, 'is required').max(PASSWORD_MAX) })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = z.object({ refreshToken: plainText().min(1, 'is required').max(512) }).strict();
export type RefreshBody = z.infer<typeof RefreshBody>;

export const LogoutBody = z
  .object({ allDevices: z.boolean().default(false) })
  .strict()
  .default({ allDevices: false });
export type LogoutBody = z.infer<typeof LogoutBody>;

export const TokenPair = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.iso.datetime(),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const AuthResponse = TokenPair.extend({ user: Me });
export type AuthResponse = z.infer<typeof AuthResponse>;

/** `details` of a WEAK_PASSWORD error: zxcvbn's score and its advice (English), for forms to show. */
export const WeakPasswordDetails = z.object({
  score: z.number().int().min(0).max(4),
  minScore: z.number().int().min(0).max(4),
  warning: z.string().nullable(),
  suggestions: z.array(z.string()),
});
export type WeakPasswordDetails = z.infer<typeof WeakPasswordDetails>;

/** The warning and suggestions of a WEAK_PASSWORD error as one text, if `details` carries them. */
export function weakPasswordAdvice(details: unknown): string | undefined {
  const parsed = WeakPasswordDetails.safeParse(details);
  if (!parsed.success) return undefined;
  const advice = [parsed.data.warning, ...parsed.data.suggestions].filter(Boolean).join(' ');
  return advice || undefined;
}

/**
 * Browser apps keep their refresh token in an HttpOnly cookie, out of reach of page scripts. They ask
 * for it by sending this header, whose value names the app (the web app and the admin panel share an
 * origin but not a session). A header that is not CORS-safelisted cannot be sent cross-origin without
 * a preflight the CORS allowlist refuses, which is half of the CSRF defence on the cookie's endpoints.
 */
export const SESSION_COOKIE_HEADER = 'x-airwave-session';
export const CookieSessionApp = z.enum(['web', 'admin']);
export type CookieSessionApp = z.infer<typeof CookieSessionApp>;

/** Refresh in cookie mode: the token travels in the cookie, so the body carries nothing. */
export const CookieRefreshBody = z.object({}).strict();

/** What login, register and refresh answer in cookie mode: everything but the refresh token. */
export const AccessTokenResponse = TokenPair.pick({ accessToken: true, accessTokenExpiresAt: true });
export type AccessTokenResponse = z.infer<typeof AccessTokenResponse>;
export const CookieAuthResponse = AccessTokenResponse.extend({ user: Me });
export type CookieAuthResponse = z.infer<typeof CookieAuthResponse>;
