import type { usersRoutes } from '@airwave/shared';
import type { AuthService } from '../auth/auth.service.ts';
import { clientMeta } from '../http/auth.middleware.ts';
import type { Handlers } from '../http/register-routes.ts';
import type { UsersService } from './users.service.ts';

export function usersHandlers(users: UsersService, auth: AuthService): Handlers<typeof usersRoutes> {
  return {
    updateMe: ({ principal, body }) => users.updateMe(principal.userId, body),
    changePassword: ({ principal, body, req }) => auth.changePassword(principal, body, clientMeta(req)),
    profile: ({ params }) => users.profile(params.id),
  };
}
