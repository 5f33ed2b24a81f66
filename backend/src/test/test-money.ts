import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { postLedgerEntry } from '../ledger/ledger.repository.ts';
import { checkBooks } from '../ledger/ledger-admin.service.ts';

/** Gives a user coins through the ledger, as an admin grant would (a test shortcut, not an API). */
export function grantCoins(db: Db, userId: string, coins: number) {
  return db.transaction((tx) =>
    postLedgerEntry(tx, { userId, account: 'coins', delta: coins, kind: 'grant', reason: 'test' }),
  );
}

/**
 * The money invariant: for every user, each balance (beans counting pending credits not yet
 * settled and lots still on hold) equals the sum of their ledger entries, and so does its promotional part (the sum of
 * `promo_delta`); nothing is negative and no promotional part exceeds its balance. The
 * double-entry book must hold too (bookProblems), so every test that checks one checks both.
 */
export async function ledgerMismatches(db: Db): Promise<unknown[]> {
  return [...(await userLedgerMismatches(db)), ...(await bookProblems(db))];
}

/** The per-user half of ledgerMismatches: ledger_entries against the cached balances. */
async function userLedgerMismatches(db: Db) {
  const rows = await db
    .select({
      id: users.id,
      coins: users.coins,
      beans: users.beans,
      // Correlated subqueries spelled out: drizzle leaves column names unqualified inside them.
      pending: sql<number>`coalesce((select sum(p.beans) from pending_bean_credits p where p.streamer_id = users.id), 0)::bigint
        + coalesce((select sum(h.beans) from bean_holds h where h.user_id = users.id and h.released_at is null), 0)::bigint`,
      ledgerCoins: sql<number>`coalesce((select sum(l.delta) from ledger_entries l where l.user_id = users.id and l.account = 'coins'), 0)::bigint`,
      ledgerBeans: sql<number>`coalesce((select sum(l.delta) from ledger_entries l where l.user_id = users.id and l.account = 'beans'), 0)::bigint`,
      promoCoins: users.promoCoins,
      promoBeans: users.promoBeans,
      pendingPromo: sql<number>`coalesce((select sum(p.promo_beans) from pending_bean_credits p where p.streamer_id = users.id), 0)::bigint
        + coalesce((select sum(h.promo_beans) from bean_holds h where h.user_id = users.id and h.released_at is null), 0)::bigint`,
      ledgerPromoCoins: sql<number>`coalesce((select sum(l.promo_delta) from ledger_entries l where l.user_id = users.id and l.account = 'coins'), 0)::bigint`,
      ledgerPromoBeans: sql<number>`coalesce((select sum(l.promo_delta) from ledger_entries l where l.user_id = users.id and l.account = 'beans'), 0)::bigint`,
    })
    .from(users);
  return rows.filter(
    (r) =>
      r.coins < 0 ||
      r.beans < 0 ||
      Number(r.ledgerCoins) !== r.coins ||
      Number(r.ledgerBeans) !== r.beans + Number(r.pending) ||
      r.promoCoins < 0 ||
      r.promoCoins > r.coins ||
      r.promoBeans < 0 ||
      r.promoBeans > r.beans ||
      Number(r.ledgerPromoCoins) !== r.promoCoins ||
      Number(r.ledgerPromoBeans) !== r.promoBeans + Number(r.pendingPromo),
  );
}

export async function balancesOf(db: Db, userId: string) {
  const [row] = await db
    .select({ coins: users.coins, beans: users.beans })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new Error('no such user');
  return row;
}

/** Gives a streamer withdrawable beans through the ledger, as settled gifts would (a test shortcut). */
export async function creditBeans(db: Db, userId: string, beans: number) {
  if (beans === 0) return 0;
  return db.transaction((tx) =>
    postLedgerEntry(tx, { userId, account: 'beans', delta: beans, kind: 'gift_received', reason: 'test' }),
  );
}

/**
 * The double-entry invariant, as a list of problems (empty when all is well): every journal entry
 * sums to zero per unit, every entry has postings, the trial balance is zero per unit, and every
 * cached balance equals its postings and none is negative (checkBooks, the admin endpoint's check).
 */
export async function bookProblems(db: Db) {
  const books = await checkBooks(db);
  const bare = (await db.execute(sql`
    SELECT count(*)::int AS n FROM journal_entries e WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.journal_entry_id = e.id)
  `)) as unknown as { rows: Array<{ n: number }> };
  const problems: unknown[] = [...books.mismatches];
  if (books.unbalancedEntries) problems.push({ unbalancedEntries: books.unbalancedEntries });
  for (const t of books.totals) if (t.balance !== 0) problems.push({ trialBalance: t });
  if (Number(bare.rows[0]?.n)) problems.push({ entriesWithoutPostings: Number(bare.rows[0]?.n) });
  if (!books.balanced && problems.length === 0) problems.push({ balanced: false });
  return problems;
}
