import { z } from 'zod';
import { plainText } from './text.ts';
import { Email, PASSWORD_MAX, Password } from './users.ts';

/** The token of a mailed link (`/verify-email?token=…`, `/reset-password?token=…`). */
export const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'is not a valid link token');

export const LinkTokenBody = z.object({ token: LinkToken }).strict();
export type LinkTokenBody = z.infer<typeof LinkTokenBody>;

export const ForgotPasswordBody = z.object({ email: Email }).strict();
export type ForgotPasswordBody = z.infer<typeof ForgotPasswordBody>;

export const ResetPasswordBody = z.object({ token: LinkToken, password: Password }).strict();
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const ChangeEmailBody = z
  .object({ newEmail: Email, currentPassword: plainText().min(1, 'is required').max(PASSWORD_MAX) })
  .strict();
export type ChangeEmailBody = z.infer<typeof ChangeEmailBody>;

/**
 * A request that mails a link was taken (202). Deliberately the same whatever the address: it never
 * says whether an account has it, or whether a mail went out.
 */
export const MailAccepted = z.object({ accepted: z.literal(true) });
export type MailAccepted = z.infer<typeof MailAccepted>;
