import {
  AdminAdjustBalanceBody,
  AdminBalance,
  AdminBanBody,
  AdminReasonBody,
  AdminRoleBody,
  AdminSuspendBody,
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  AdminUsersQuery,
} from '../admin.ts';
import { PublicProfile, UserIdParams } from '../users.ts';
import { admins, route } from './route.ts';

const user = { params: UserIdParams, auth: admins } as const;

export const adminUsersRoutes = {
  adminUsers: route({
    method: 'get',
    path: '/api/admin/users',
    summary: 'Users, searched, filtered, sorted and paged',
    auth: admins,
    query: AdminUsersQuery,
    response: AdminUserList,
  }),
  adminUser: route({
    method: 'get',
    path: '/api/admin/users/:id',
    summary: 'One user with streams, payments, moderation and audit history',
    ...user,
    labels: { params: 'user id' },
    response: AdminUserDetail,
  }),
  suspendUser: route({
    method: 'post',
    path: '/api/admin/users/:id/suspend',
    summary: 'Suspend a user until a time (sessions end now)',
    ...user,
    body: AdminSuspendBody,
    labels: { params: 'user id', body: 'suspension' },
    response: AdminUser,
  }),
  adjustBalance: route({
    method: 'post',
    path: '/api/admin/users/:id/adjust-balance',
    summary: "Add to or take from a user's coins or beans",
    ...user,
    body: AdminAdjustBalanceBody,
    labels: { params: 'user id', body: 'balance adjustment' },
    response: AdminBalance,
  }),
  clearFlag: route({
    method: 'post',
    path: '/api/admin/users/:id/clear-flag',
    summary: 'Clear the fraud flag a refund left on a user',
    ...user,
    body: AdminReasonBody,
    labels: { params: 'user id', body: 'clear flag' },
    response: AdminUser,
  }),
  setRole: route({
    method: 'patch',
    path: '/api/admin/users/:id/role',
    summary: "Change a user's role",
    ...user,
    body: AdminRoleBody,
    labels: { params: 'user id', body: 'role change' },
    response: PublicProfile,
  }),
  banUser: route({
    method: 'post',
    path: '/api/admin/users/:id/ban',
    summary: 'Ban a user (every session ends)',
    ...user,
    body: AdminBanBody,
    labels: { params: 'user id', body: 'ban' },
    response: null,
  }),
  unbanUser: route({
    method: 'post',
    path: '/api/admin/users/:id/unban',
    summary: 'Lift a ban',
    ...user,
    body: AdminReasonBody,
    labels: { params: 'user id', body: 'unban' },
    response: null,
  }),
};
