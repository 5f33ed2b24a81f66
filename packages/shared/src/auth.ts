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
