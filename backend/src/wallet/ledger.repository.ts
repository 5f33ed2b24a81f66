import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { ledgerEntries, users } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';

export type LedgerEntry = Omit<typeof ledgerEntries.$inferInsert, 'id' | 'createdAt' | 'balanceAfter'>;

/**
 * Moves a balance and records the movement, inside the caller's transaction. The update is
 * conditional (never a read-then-write), so a debit that would go below zero moves nothing.
 */
export async function postLedgerEntry(tx: Tx, entry: LedgerEntry): Promise<number> {
  const column = entry.account === 'coins' ? users.coins : users.beans;
  const [row] = await tx
    .update(users)
    .set({ [entry.account]: sql`${column} + ${entry.delta}` })
    .where(and(eq(users.id, entry.userId), sql`${column} + ${entry.delta} >= 0`))
    .returning({ balance: column });
  if (!row) {
    throw new AppError('INSUFFICIENT_FUNDS', `Not enough ${entry.account} for this.`, {
      account: entry.account,
    });
  }
  await tx.insert(ledgerEntries).values({ ...entry, balanceAfter: row.balance });
  return row.balance;
}
