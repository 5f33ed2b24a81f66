import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postLedgerEntry } from '../ledger/ledger.repository.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { ledgerEntries, users } from './schema/index.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('money guarantees in the database itself', () => {
  it('refuses a negative balance even from a direct UPDATE', async () => {
    const account = await s.register();
    await expect(
      s.db.update(users).set({ coins: -1 }).where(eq(users.id, account.user.id)),
    ).rejects.toThrow();
    await expect(
      s.db.update(users).set({ beans: -5 }).where(eq(users.id, account.user.id)),
    ).rejects.toThrow();
  });

  it('keeps the ledger append-only: UPDATE and DELETE are refused', async () => {
    const account = await s.register();
    await s.db.transaction((tx) =>
      postLedgerEntry(tx, {
        userId: account.user.id,
        account: 'coins',
        delta: 50,
        kind: 'grant',
        reason: 'test',
      }),
    );
    await expect(
      s.db.update(ledgerEntries).set({ delta: 5000 }).where(eq(ledgerEntries.userId, account.user.id)),
    ).rejects.toThrow(/append-only|Failed query/);
    await expect(
      s.db.delete(ledgerEntries).where(eq(ledgerEntries.userId, account.user.id)),
    ).rejects.toThrow();
    const rows = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, account.user.id));
    expect(rows.map((r) => r.delta)).toEqual([50]);
  });

  it('moves nothing when a debit would go below zero, and balances equal the ledger sum', async () => {
    const account = await s.register();
    const id = account.user.id;
    await s.db.transaction((tx) =>
      postLedgerEntry(tx, { userId: id, account: 'coins', delta: 30, kind: 'grant', reason: 'test' }),
    );
    await expect(
      s.db.transaction((tx) =>
        postLedgerEntry(tx, {
          userId: id,
          account: 'coins',
          delta: -31,
          kind: 'admin_adjust',
          reason: 'test',
        }),
      ),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await s.db.transaction((tx) =>
      postLedgerEntry(tx, { userId: id, account: 'coins', delta: -30, kind: 'admin_adjust', reason: 'test' }),
    );

    const [user] = await s.db.select().from(users).where(eq(users.id, id));
    const [sum] = await s.db
      .select({ total: sql<number>`coalesce(sum(${ledgerEntries.delta}), 0)::int` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.userId, id));
    expect(user?.coins).toBe(0);
    expect(sum?.total).toBe(0);
  });
});
