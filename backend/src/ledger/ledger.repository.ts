import { sql } from 'drizzle-orm';
import { AppError } from '../core/app-error.ts';
import type { Tx } from '../db/client.ts';
import { ledgerEntries } from '../db/schema/index.ts';

/**
 * Which part of a balance a movement touches. Admin grants are promotional: they sit in
 * `promo_coins` / `promo_beans` (parts of `coins` / `beans`) and can never become withdrawable.
 * - a number: the promotional part of a credit (0 for bought or earned money);
 * - 'first': a debit eats promotional money first (gifts, so promo coins make promo beans);
 * - 'last': a debit eats real money first (refunds give back real money);
 * - 'real-only': a debit may take real money only (payouts: promo beans are not withdrawable).
 */
export type PromoRule = number | 'first' | 'last' | 'real-only';

export type LedgerEntry = Omit<
  typeof ledgerEntries.$inferInsert,
  'id' | 'createdAt' | 'balanceAfter' | 'promoDelta'
> & { promo?: PromoRule };

const COLUMNS = {
  coins: { balance: sql.raw('coins'), promo: sql.raw('promo_coins') },
  beans: { balance: sql.raw('beans'), promo: sql.raw('promo_beans') },
} as const;

/** The promotional part of `delta`, in SQL over the locked row's balance `bal` and promo part `promo`. */
function promoDeltaSql(delta: number, rule: PromoRule) {
  if (typeof rule === 'number') return sql`${rule}::bigint`;
  if (delta > 0 || rule === 'real-only') return sql`0::bigint`;
  const amount = -delta;
  return rule === 'first'
    ? sql`-least(promo, ${amount}::bigint)`
    : sql`-least(promo, greatest(0, ${amount}::bigint - (bal - promo)))`;
}

/**
 * Moves a balance and its promotional part and records the movement (with `promo_delta`), inside
 * the caller's transaction. One statement locks the row and moves both; a debit that would take a
 * balance, or its real part, below zero moves nothing (INSUFFICIENT_FUNDS).
 */
export async function postLedgerMovement(
  tx: Tx,
  { promo = 0, ...entry }: LedgerEntry,
): Promise<{ balance: number; promoDelta: number; entryId: number }> {
  const col = COLUMNS[entry.account];
  // FOR NO KEY UPDATE, not FOR UPDATE: the caller's transaction may already hold a KEY SHARE lock on
  // this row (inserting a gift references the sender), and FOR UPDATE conflicts with the KEY SHARE
  // locks of other senders' transactions: parallel gifts deadlocked on PostgreSQL.
  const result = (await tx.execute(sql`
    WITH old AS (SELECT id, ${col.balance} AS bal, ${col.promo} AS promo FROM users WHERE id = ${entry.userId} FOR NO KEY UPDATE),
    calc AS (SELECT id, bal, promo, ${promoDeltaSql(entry.delta, promo)} AS p FROM old)
    UPDATE users SET ${col.balance} = calc.bal + ${entry.delta}::bigint, ${col.promo} = calc.promo + calc.p
    FROM calc
    WHERE users.id = calc.id AND calc.bal + ${entry.delta}::bigint >= 0
      AND (calc.bal - calc.promo) + (${entry.delta}::bigint - calc.p) >= 0
    RETURNING users.${col.balance} AS balance, calc.p AS promo_delta
  `)) as unknown as { rows: Array<{ balance: string | number; promo_delta: string | number }> };
  const row = result.rows[0];
  if (!row) {
    throw new AppError(
      'INSUFFICIENT_FUNDS',
      promo === 'real-only'
        ? `Not enough withdrawable ${entry.account} for this; promotional ${entry.account} cannot be withdrawn.`
        : `Not enough ${entry.account} for this.`,
      { account: entry.account },
    );
  }
  const balance = Number(row.balance);
  const promoDelta = Number(row.promo_delta);
  const [inserted] = await tx
    .insert(ledgerEntries)
    .values({ ...entry, promoDelta, balanceAfter: balance })
    .returning({ id: ledgerEntries.id });
  return { balance, promoDelta, entryId: Number(inserted?.id) };
}

/** postLedgerMovement for callers that only need the new balance. */
export async function postLedgerEntry(tx: Tx, entry: LedgerEntry): Promise<number> {
  return (await postLedgerMovement(tx, entry)).balance;
}
