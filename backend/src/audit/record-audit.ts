import type { Tx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';

export type AuditEntry = Omit<typeof auditLog.$inferInsert, 'id' | 'createdAt'>;

/**
 * Writes one audit row. It takes the caller's transaction and nothing else, so an action and its
 * audit row commit together or not at all: no action without its row, no row for an undone action.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(entry);
}
