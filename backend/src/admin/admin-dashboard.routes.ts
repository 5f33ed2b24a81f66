import type { adminDashboardRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AdminAuditService } from './admin-audit.service.ts';
import type { AdminDashboardService } from './admin-dashboard.service.ts';

/** /api/admin/dashboard and /api/admin/audit-log: admins only. */
export function adminDashboardHandlers(
  dashboard: AdminDashboardService,
  audit: AdminAuditService,
): Handlers<typeof adminDashboardRoutes> {
  return {
    dashboard: ({ query }) => dashboard.get(query.period),
    auditLog: ({ query }) => audit.list(query),
  };
}
