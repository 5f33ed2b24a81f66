import {
  ChangeEmailBody,
  ForgotPasswordBody,
  LinkTokenBody,
  MailAccepted,
  ResetPasswordBody,
} from '../account.ts';
import { route } from './route.ts';

/** The mailed-link flows of an account: verify the address, reset a forgotten password, change the address. */
export const accountRoutes = {
  verifyEmail: route({
    method: 'post',
    path: '/api/auth/email/verify',
    summary: 'Verify the address a verification link was mailed to (the link works once)',
    auth: 'none',
    body: LinkTokenBody,
    labels: { body: 'verification' },
    response: null,
  }),
  resendVerification: route({
    method: 'post',
    path: '/api/auth/email/verification',
    summary: "Mail a new verification link to the signed-in user's address (rate limited)",
    auth: 'user',
    response: MailAccepted,
    status: 202,
  }),
  forgotPassword: route({
    method: 'post',
    path: '/api/auth/password/forgot',
    summary:
      'Mail a password-reset link if the address has an account; answers the same either way (rate limited)',
    auth: 'none',
    body: ForgotPasswordBody,
    labels: { body: 'password reset request' },
    response: MailAccepted,
    status: 202,
  }),
  resetPassword: route({
    method: 'post',
    path: '/api/auth/password/reset',
    summary: 'Set a new password with a reset link (works once); every session of the account ends',
    auth: 'none',
    body: ResetPasswordBody,
    labels: { body: 'password reset' },
    response: null,
  }),
  changeEmail: route({
    method: 'post',
    path: '/api/auth/email/change',
    summary:
      'Mail a confirmation link to a new address (current password required); answers the same whether or not the address is taken',
    auth: 'user',
    body: ChangeEmailBody,
    labels: { body: 'email change' },
    response: MailAccepted,
    status: 202,
  }),
  confirmEmailChange: route({
    method: 'post',
    path: '/api/auth/email/change/confirm',
    summary:
      'Move the account to the new address with the link mailed there (works once); the old address is told',
    auth: 'none',
    body: LinkTokenBody,
    labels: { body: 'email change confirmation' },
    response: null,
  }),
};
