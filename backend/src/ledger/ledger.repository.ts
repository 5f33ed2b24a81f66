import { desc, is, SQL, sql } from 'drizzle-orm';
import { AppError } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import { ledgerEntries, ledgerReconciliations } from '../db/schema/index.ts';
import {
  type CashLeg,
  JOURNAL_KINDS,
  type JournalArgs,
  type JournalKind,
  legsValues,
  MOVEMENT_KINDS,
} from './journal-kinds.ts';

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
> & {
  promo?: PromoRule;
  /** Cash that moved at Stripe with this movement (a purchase's or refund's amount): posted to Stripe clearing. */
  cash?: CashLeg;
};

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
  { promo = 0, cash, ...entry }: LedgerEntry,
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
  // The ledger row, its journal entry and the entry's postings in ONE statement (the round trip
  // this movement already made); drizzle builds the ledger row's INSERT, so new columns carry over.
  const insertRow = tx
    .insert(ledgerEntries)
    .values({ ...entry, promoDelta, balanceAfter: balance })
    .returning({ id: ledgerEntries.id });
  const legs = MOVEMENT_KINDS[entry.kind]({
    userId: sql`${entry.userId}::uuid`,
    account: entry.account,
    delta: sql`${entry.delta}::bigint`,
    cash,
  });
  const written = (await tx.execute(sql`
    WITH le AS (${insertRow.getSQL()}),
    je AS (${journalInsert(entry.kind, entry)}),
    p AS (${postingsFrom(legs)})
    SELECT le.id FROM le
  `)) as unknown as { rows: Array<{ id: string | number }> };
  const inserted = written.rows[0];
  return { balance, promoDelta, entryId: Number(inserted?.id) };
}

/** postLedgerMovement for callers that only need the new balance. */
export async function postLedgerEntry(tx: Tx, entry: LedgerEntry): Promise<number> {
  return (await postLedgerMovement(tx, entry)).balance;
}

/** What a journal entry points at; all optional. */
export interface JournalRefs {
  userId?: string | null;
  paymentId?: string | null;
  giftId?: string | null;
  payoutId?: string | null;
  reference?: string | null;
  reason?: string | null;
  actorId?: string | null;
}

/** INSERT of one journal entry, RETURNING id (for a CTE named `je`). */
function journalInsert(kind: JournalKind, r: JournalRefs, reversesId?: number) {
  return sql`INSERT INTO journal_entries (kind, user_id, payment_id, gift_id, payout_id, reverses_id, reference, reason, actor_id)
    VALUES (${kind}, ${r.userId ?? null}::uuid, ${r.paymentId ?? null}::uuid, ${r.giftId ?? null}::uuid,
      ${r.payoutId ?? null}::uuid, ${reversesId ?? null}::bigint, ${r.reference ?? null}, ${r.reason ?? null},
      ${r.actorId ?? null}::uuid)
    RETURNING id`;
}

/** INSERT of the legs as postings of the entry in CTE `je` (legs of amount 0 are dropped). */
export function postingsFrom(legs: Parameters<typeof legsValues>[0], from = sql`je`) {
  return sql`INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
    SELECT je.id, v.account, v.user_id, v.unit, v.amount FROM ${from}, ${legsValues(legs)} WHERE v.amount <> 0`;
}

/**
 * A journal entry that moves no cached balance (an approved payout, a refund that could take no
 * coins back): the entry and its postings in one statement, inside the caller's transaction.
 */
export async function postJournalEntry<K extends keyof JournalArgs>(
  tx: Tx,
  kind: K,
  args: { [A in keyof JournalArgs[K]]: SQL | string | number },
  refs: JournalRefs = {},
): Promise<number> {
  // Plain values become bound parameters; the kind's legs cast them.
  const bound = Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, is(v, SQL) ? v : sql`${v}`]),
  ) as JournalArgs[K];
  const legs = JOURNAL_KINDS[kind](bound);
  const result = (await tx.execute(sql`
    WITH je AS (${journalInsert(kind, refs)}),
    p AS (${postingsFrom(legs)})
    SELECT id FROM je
  `)) as unknown as { rows: Array<{ id: string | number }> };
  return Number(result.rows[0]?.id);
}

/** Accounts whose balance is cached on a row (users, pending credits): a reversal there must move the cache too. */
const CACHED = ['coins', 'beans_available', 'beans_pending', 'beans_held'];

/**
 * Corrects a journal entry with its mirror image (every posting negated, `reverses_id` set): the
 * book stays append-only. Only for entries whose accounts carry no cached balance; a movement of a
 * user's coins or beans is corrected by the opposite movement (an adjustment or refund), which
 * writes the user's ledger row too. An entry is reversed at most once.
 */
export async function reverseJournalEntry(tx: Tx, entryId: number, refs: JournalRefs & { reason: string }) {
  const found = (await tx.execute(sql`
    SELECT e.id, e.kind, (SELECT count(*) FROM journal_entries r WHERE r.reverses_id = e.id)::int AS reversed,
      (SELECT count(*) FROM postings p WHERE p.journal_entry_id = e.id AND p.account IN (${sql.join(
        CACHED.map((a) => sql`${a}`),
        sql`, `,
      )}))::int AS cached
    FROM journal_entries e WHERE e.id = ${entryId} FOR UPDATE
  `)) as unknown as { rows: Array<{ id: string; kind: string; reversed: number; cached: number }> };
  const entry = found.rows[0];
  if (!entry) throw new AppError('NOT_FOUND', 'No such journal entry.');
  if (entry.reversed > 0) throw new AppError('CONFLICT', 'This journal entry was already reversed.');
  if (entry.cached > 0 || entry.kind === 'reversal') {
    throw new AppError('CONFLICT', 'This entry moves a balance; correct it with the opposite movement.');
  }
  const result = (await tx.execute(sql`
    WITH je AS (${journalInsert('reversal', refs, entryId)}),
    p AS (
      INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
      SELECT je.id, o.account, o.user_id, o.unit, -o.amount FROM je, postings o WHERE o.journal_entry_id = ${entryId}
    )
    SELECT id FROM je
  `)) as unknown as { rows: Array<{ id: string | number }> };
  return Number(result.rows[0]?.id);
}

type Rows<T> = { rows: T[] };
const num = (v: string | number | null | undefined) => Number(v ?? 0);

/**
 * Per-account totals per unit. User accounts are summed over every user (the control account a
 * trial balance shows); platform accounts are listed one by one.
 */
export async function trialBalanceRows(db: Db | Tx) {
  const result = (await db.execute(sql`
    SELECT CASE WHEN user_id IS NULL THEN account ELSE 'user:*:' || account END AS account, unit,
      sum(greatest(amount, 0))::bigint AS debit, sum(least(amount, 0))::bigint AS credit, sum(amount)::bigint AS balance,
      CASE WHEN bool_or(user_id IS NOT NULL) THEN count(DISTINCT user_id)::int END AS users
    FROM postings GROUP BY 1, 2 ORDER BY 2, 1
  `)) as unknown as Rows<{
    account: string;
    unit: string;
    debit: string;
    credit: string;
    balance: string;
    users: number | null;
  }>;
  return result.rows.map((r) => ({
    account: r.account,
    unit: r.unit,
    debit: num(r.debit),
    credit: num(r.credit),
    balance: num(r.balance),
    users: r.users === null ? null : Number(r.users),
  }));
}

/** Journal entries whose postings do not sum to zero in some unit (the trigger refuses them: expected 0). */
export async function unbalancedEntryCount(db: Db | Tx): Promise<number> {
  const result = (await db.execute(sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM postings GROUP BY journal_entry_id, unit HAVING sum(amount) <> 0
    ) bad
  `)) as unknown as Rows<{ n: number }>;
  return num(result.rows[0]?.n);
}

/**
 * Every user account whose cached balance differs from its postings, or whose postings went
 * negative. A user account is a credit (what Airwave owes), so its balance is -(sum of postings).
 * The caches: users.coins and users.beans (available beans), the unsettled pending_bean_credits,
 * the unreleased hold lots, and the beans of pending payouts (held until an admin decides).
 */
export async function balanceMismatches(db: Db | Tx, limit = 100) {
  const result = (await db.execute(sql`
    WITH derived AS (
      SELECT user_id, account, -sum(amount)::bigint AS bal FROM postings WHERE user_id IS NOT NULL GROUP BY 1, 2
    ),
    cached AS (
      SELECT id AS user_id, 'coins' AS account, coins::bigint AS bal FROM users
      UNION ALL SELECT id, 'beans_available', beans::bigint FROM users
      UNION ALL SELECT streamer_id, 'beans_pending', sum(beans)::bigint FROM pending_bean_credits GROUP BY streamer_id
      UNION ALL SELECT user_id, 'beans_held', sum(beans)::bigint FROM bean_holds WHERE released_at IS NULL GROUP BY user_id
      UNION ALL SELECT user_id, 'beans_in_payout', sum(beans)::bigint FROM payouts WHERE status = 'pending' GROUP BY user_id
    )
    SELECT coalesce(c.user_id, d.user_id) AS user_id, coalesce(c.account, d.account) AS account,
      coalesce(c.bal, 0) AS cached, coalesce(d.bal, 0) AS postings
    FROM cached c FULL JOIN derived d ON d.user_id = c.user_id AND d.account = c.account
    WHERE coalesce(c.bal, 0) <> coalesce(d.bal, 0) OR coalesce(d.bal, 0) < 0
    ORDER BY 1, 2
    LIMIT ${limit}
  `)) as unknown as Rows<{ user_id: string; account: string; cached: string; postings: string }>;
  return result.rows.map((r) => ({
    userId: r.user_id,
    account: r.account,
    cached: num(r.cached),
    postings: num(r.postings),
  }));
}

/**
 * What the Stripe-clearing account holds per payment and direction: charges (debits) and refunds
 * (credits) of each payment, with the PaymentIntent it was paid with, for the reconciliation.
 */
export async function stripeClearingByPayment(db: Db | Tx) {
  const result = (await db.execute(sql`
    SELECT pay.payment_intent_id, e.payment_id, p.unit AS currency,
      CASE WHEN p.amount > 0 THEN 'charge' ELSE 'refund' END AS type, sum(p.amount)::bigint AS amount, count(*)::int AS n
    FROM postings p JOIN journal_entries e ON e.id = p.journal_entry_id
      LEFT JOIN payments pay ON pay.id = e.payment_id
    WHERE p.account = 'platform:stripe_clearing'
      -- An entry and its reversal cancel out: neither is a movement Stripe would show.
      AND e.kind <> 'reversal' AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id)
    GROUP BY 1, 2, 3, 4
  `)) as unknown as Rows<{
    payment_intent_id: string | null;
    payment_id: string | null;
    currency: string;
    type: 'charge' | 'refund';
    amount: string;
    n: number;
  }>;
  return result.rows.map((r) => ({
    paymentIntentId: r.payment_intent_id,
    paymentId: r.payment_id,
    currency: r.currency,
    type: r.type,
    amount: num(r.amount),
    postings: Number(r.n),
  }));
}

export async function insertReconciliation(tx: Tx, values: typeof ledgerReconciliations.$inferInsert) {
  const [row] = await tx.insert(ledgerReconciliations).values(values).returning();
  if (!row) throw new Error('reconciliation row not written');
  return row;
}

export async function latestReconciliation(db: Db) {
  const [row] = await db
    .select()
    .from(ledgerReconciliations)
    .orderBy(desc(ledgerReconciliations.id))
    .limit(1);
  return row;
}
