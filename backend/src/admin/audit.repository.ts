import type { AdminAuditQuery } from '@airwave/shared';
import { and, desc, eq, like, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, users } from '../db/schema/index.ts';
import { toAuditEntry } from './admin.mappers.ts';
import { pageOf, serialCursor, serialCursorOf } from './admin-paging.ts';

type AuditFilter = Omit<AdminAuditQuery, 'limit'> & { limit: number };

/** Reads the audit log, newest first; an action ending in "." matches every action it prefixes. */
export async function listAudit(db: Db, q: AuditFilter) {
  const before = serialCursor(q.cursor);
  const action = q.action?.endsWith('.')
    ? like(auditLog.action, `${q.action.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
    : q.action
      ? eq(auditLog.action, q.action)
      : undefined;
  const rows = await db
    .select({ entry: auditLog, actor: { id: users.id, nickname: users.nickname } })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        action,
        q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
        q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
        before !== undefined ? lt(auditLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, toAuditEntry, (r) => serialCursorOf(r.entry));
}
