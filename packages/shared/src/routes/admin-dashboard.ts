import { AdminAuditQuery, AdminDashboard, AdminDashboardQuery, AuditLogPage } from '../admin.ts';
import { admins, route } from './route.ts';

export const adminDashboardRoutes = {
  dashboard: route({
    method: 'get',
    path: '/api/admin/dashboard',
    summary: 'Figures of today, the last 7 or the last 30 days',
    auth: admins,
    query: AdminDashboardQuery,
    response: AdminDashboard,
  }),
  auditLog: route({
    method: 'get',
    path: '/api/admin/audit-log',
    summary: 'Admin actions, filtered and paged',
    auth: admins,
    query: AdminAuditQuery,
    response: AuditLogPage,
  }),
};
