import type { AdminAuditQuery, AuditLogPage } from '@airwave/shared';
import type { Db } from '../db/client.ts';
import { listAudit } from './audit.repository.ts';

/** Reading the audit log; every admin service writes to it inside its own transaction. */
export function createAdminAuditService(db: Db) {
  return {
    list: (q: Omit<AdminAuditQuery, 'limit'> & { limit: number }): Promise<AuditLogPage> => listAudit(db, q),
  };
}

export type AdminAuditService = ReturnType<typeof createAdminAuditService>;
