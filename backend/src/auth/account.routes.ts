import type { accountRoutes } from '@airwave/shared';
import { clientMeta } from '../http/auth.middleware.ts';
import type { Handlers } from '../http/register-routes.ts';
import type { AccountService } from './account.service.ts';

/** The mailed-link flows; each answer is the service's (the same for every address where it must be). */
export function accountHandlers(account: AccountService): Handlers<typeof accountRoutes> {
  return {
    verifyEmail: ({ body }) => account.verifyEmail(body.token),
    resendVerification: ({ principal, req }) => account.resendVerification(principal, clientMeta(req)),
    forgotPassword: ({ body, req }) => account.forgotPassword(body, clientMeta(req)),
    resetPassword: ({ body }) => account.resetPassword(body),
    changeEmail: ({ principal, body, req }) => account.changeEmail(principal, body, clientMeta(req)),
    confirmEmailChange: ({ body, req }) => account.confirmEmailChange(body.token, clientMeta(req)),
  };
}
