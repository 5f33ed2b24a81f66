import type { adminUsersRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AdminBalanceService } from './admin-balance.service.ts';
import type { AdminUsersService } from './admin-users.service.ts';
import type { AdminUsersQueryService } from './admin-users-query.service.ts';

interface Services {
  query: AdminUsersQueryService;
  accounts: AdminUsersService;
  balance: AdminBalanceService;
}

/** /api/admin/users: admins only. */
export function adminUsersHandlers({
  query,
  accounts,
  balance,
}: Services): Handlers<typeof adminUsersRoutes> {
  return {
    adminUsers: ({ query: filter }) => query.list(filter),
    adminUser: ({ params }) => query.detail(params.id),
    suspendUser: ({ principal, params, body }) => accounts.suspend(principal, params.id, body),
    adjustBalance: ({ principal, params, body }) => balance.adjust(principal, params.id, body),
    clearFlag: ({ principal, params, body }) => balance.clearFlag(principal, params.id, body.reason),
    setRole: ({ principal, params, body }) => accounts.setRole(principal, params.id, body),
    banUser: ({ principal, params, body }) => accounts.ban(principal, params.id, body),
    unbanUser: ({ principal, params, body }) => accounts.unban(principal, params.id, body.reason),
  };
}
