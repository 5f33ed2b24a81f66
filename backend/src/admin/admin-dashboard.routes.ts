import { AdminAuditQuery, AdminDashboardQuery } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import type { AdminAuditService } from './admin-audit.service.ts';
import type { AdminDashboardService } from './admin-dashboard.service.ts';

/** /api/admin/dashboard and /api/admin/audit-log: admins only. */
export function adminDashboardRoutes(
  dashboard: AdminDashboardService,
  audit: AdminAuditService,
  mw: AuthMiddleware,
): Router {
  const r = Router();
  const guard = [mw.requireAuth, mw.requireRole('admin')];

  r.get('/dashboard', ...guard, async (req, res) => {
    const { period } = parseInput(AdminDashboardQuery, req.query, 'query');
    res.json(await dashboard.get(period));
  });

  r.get('/audit-log', ...guard, async (req, res) => {
    res.json(await audit.list(parseInput(AdminAuditQuery, req.query, 'query')));
  });

  return r;
}
