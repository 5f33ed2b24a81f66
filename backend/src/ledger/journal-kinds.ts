import { type SQL, sql } from 'drizzle-orm';
import type { ledgerKindEnum } from '../db/schema/index.ts';

/**
 * THE table of what each kind of movement posts (docs/ledger.md explains it). Amounts are debits
 * when positive and credits when negative; user balances are what Airwave owes, so crediting a
 * user's account (a negative posting) is what makes their balance grow. Every builder returns
 * pairs (one debit, one equal credit, same unit), so every entry sums to zero per unit by
 * construction, and a trigger in the database refuses one that does not.
 *
 * Legs are SQL values, not numbers, so the same table serves movements whose amounts are known in
 * TypeScript (bound parameters) and those computed inside one statement (a gift's price from the
 * catalog, a settlement batch's sums): the statement's postings come from here either way.
 */

/** A user's own accounts: `account` with `user_id` set. */
export const USER_ACCOUNTS = [
  'coins',
  'beans_available',
  'beans_pending',
  'beans_held',
  'beans_in_payout',
] as const;
export type UserAccount = (typeof USER_ACCOUNTS)[number];

/** Airwave's own accounts: `user_id` null. */
export const PLATFORM = {
  /** Cash Stripe holds for us (per currency, minor units): debited by charges, credited by refunds and transfers. */
  stripeClearing: 'platform:stripe_clearing',
  /** The counter side of coins sold: coins handed out (debit) against the cash paid for them (credit). */
  coinsIssued: 'platform:coins_issued',
  /** Coins taken in by gifts (credit) against the beans they made (debit) and cash paid out for beans (debit). */
  revenue: 'platform:revenue',
  /** Admin grants and debits: promotional coins and beans Airwave gave away (an expense, debit). */
  promotions: 'platform:promotions',
  /** Cash owed to streamers for approved payouts, until the transfer leaves Stripe. */
  payoutsPayable: 'platform:payouts_payable',
  /** What a lost dispute cost Airwave (reserved for the disputes work). */
  disputeLosses: 'platform:dispute_losses',
} as const;
export type PlatformAccount = (typeof PLATFORM)[keyof typeof PLATFORM];
export type Account = UserAccount | PlatformAccount;

export interface Leg {
  account: Account;
  /** SQL uuid of the account's user, or null for a platform account. */
  userId: SQL | null;
  /** 'coin', 'bean' or a currency code, as SQL text. */
  unit: SQL;
  amount: SQL;
}

const COIN = sql`'coin'`;
const BEAN = sql`'bean'`;

/** One side of a pair: a user account (with its owner) or a platform account. */
type Side = { account: UserAccount; userId: SQL } | PlatformAccount;
const side = (s: Side) => (typeof s === 'string' ? { account: s, userId: null } : s);
const of = (account: UserAccount, userId: SQL): Side => ({ account, userId });

/** Debits `debit` and credits `credit` with `amount` (an SQL bigint; negative swaps the sides). */
export function pair(debit: Side, credit: Side, unit: SQL, amount: SQL): Leg[] {
  return [
    { ...side(debit), unit, amount: sql`(${amount})::bigint` },
    { ...side(credit), unit, amount: sql`(-((${amount})::bigint))` },
  ];
}

/** Cash that moved at Stripe with a movement (purchases and refunds). */
export interface CashLeg {
  cents: number;
  currency: string;
}

/** A movement of one user's cached balance, as postLedgerMovement records it. */
export interface Movement {
  userId: SQL;
  /** The ledger_entries account the movement changes. */
  account: 'coins' | 'beans';
  /** The user's gain (negative for a debit), as the ledger row's `delta`. */
  delta: SQL;
  cash?: CashLeg;
}

const unitOf = (m: Movement) => (m.account === 'coins' ? COIN : BEAN);
/** The user's account a ledger row's `account` stands for: spendable coins, withdrawable beans. */
const mine = (m: Movement) => of(m.account === 'coins' ? 'coins' : 'beans_available', m.userId);
const cash = (c: CashLeg | undefined, debit: Side, credit: Side) =>
  c ? pair(debit, credit, sql`${c.currency.toLowerCase()}::text`, sql`${c.cents}::bigint`) : [];

type LedgerKind = (typeof ledgerKindEnum.enumValues)[number];

/**
 * Kinds that move a cached balance (users.coins / users.beans) with a ledger_entries row. The
 * user's account is credited with `delta`; the other side is the kind's counter account.
 */
export const MOVEMENT_KINDS: Record<LedgerKind, (m: Movement) => Leg[]> = {
  // Coins handed out against coins_issued; the cash Stripe took, against what the coins were sold for.
  purchase: (m) => [
    ...pair(PLATFORM.coinsIssued, mine(m), unitOf(m), m.delta),
    ...cash(m.cash, PLATFORM.stripeClearing, PLATFORM.coinsIssued),
  ],
  // The reverse: coins taken back (delta < 0), cash returned (when the refund moved cash; repaying a
  // debt from a new purchase moves coins only).
  refund: (m) => [
    ...pair(PLATFORM.coinsIssued, mine(m), unitOf(m), m.delta),
    ...cash(m.cash, PLATFORM.coinsIssued, PLATFORM.stripeClearing),
  ],
  gift_sent: (m) => pair(PLATFORM.revenue, mine(m), unitOf(m), m.delta),
  gift_received: (m) => pair(PLATFORM.revenue, mine(m), unitOf(m), m.delta),
  // Beans move between the streamer's own accounts: available <-> in payout.
  payout_hold: (m) => pair(of('beans_in_payout', m.userId), mine(m), BEAN, m.delta),
  payout_release: (m) => pair(of('beans_in_payout', m.userId), mine(m), BEAN, m.delta),
  // A paid payout that came back (transfer reversed, bank payout failed): the beans return to the
  // streamer out of revenue, and the cash is back in Airwave's Stripe balance (undoing approve + paid).
  payout_reversal: (m) => [
    ...pair(PLATFORM.revenue, mine(m), BEAN, m.delta),
    ...cash(m.cash, PLATFORM.stripeClearing, PLATFORM.revenue),
  ],
  exchange: (m) => pair(PLATFORM.revenue, mine(m), unitOf(m), m.delta),
  grant: (m) => pair(PLATFORM.promotions, mine(m), unitOf(m), m.delta),
  admin_adjust: (m) => pair(PLATFORM.promotions, mine(m), unitOf(m), m.delta),
};

/** Kinds with no ledger_entries row of their own: their arguments, as SQL values. */
export interface JournalArgs {
  /** One gift: the sender's coins become revenue; revenue pays the streamer's beans, pending settlement. */
  gift: { sender: SQL; recipient: SQL; cost: SQL; beans: SQL };
  /** The settler folds a streamer's pending beans into their hold lots. */
  bean_settlement: { userId: SQL; beans: SQL };
  /** The release job frees a streamer's due hold lots into their available beans. */
  hold_release: { userId: SQL; beans: SQL };
  /** An approved payout: the held beans go back to revenue, which owes the cash (payouts payable). */
  payout_approve: { userId: SQL; beans: SQL; cents: SQL; currency: SQL };
  /** A refund that could take no coins back (all spent): only the cash goes back. */
  refund_cash: { cents: SQL; currency: SQL };
  /** An approved payout's transfer left Airwave's Stripe balance: what was owed is paid. */
  payout_paid: { cents: SQL; currency: SQL };
}
export type JournalKind = LedgerKind | keyof JournalArgs | 'reversal';

export const JOURNAL_KINDS: { [K in keyof JournalArgs]: (a: JournalArgs[K]) => Leg[] } = {
  gift: (a) => [
    ...pair(of('coins', a.sender), PLATFORM.revenue, COIN, a.cost),
    ...pair(PLATFORM.revenue, of('beans_pending', a.recipient), BEAN, a.beans),
  ],
  bean_settlement: (a) => pair(of('beans_pending', a.userId), of('beans_held', a.userId), BEAN, a.beans),
  hold_release: (a) => pair(of('beans_held', a.userId), of('beans_available', a.userId), BEAN, a.beans),
  payout_approve: (a) => [
    ...pair(of('beans_in_payout', a.userId), PLATFORM.revenue, BEAN, a.beans),
    ...pair(PLATFORM.revenue, PLATFORM.payoutsPayable, a.currency, a.cents),
  ],
  refund_cash: (a) => pair(PLATFORM.coinsIssued, PLATFORM.stripeClearing, a.currency, a.cents),
  payout_paid: (a) => pair(PLATFORM.payoutsPayable, PLATFORM.stripeClearing, a.currency, a.cents),
};

/**
 * The legs as a VALUES list `v(account, user_id, unit, amount)`, to select postings from inside
 * one statement; legs of amount 0 (a gift worth no beans) are for the caller's WHERE to drop.
 */
export function legsValues(legs: Leg[]): SQL {
  const rows = legs.map(
    // Account names are this file's constants, so they go in as literals, not parameters.
    (l) =>
      sql`(${sql.raw(`'${l.account}'`)}::text, ${l.userId ?? sql`NULL`}::uuid, ${l.unit}::text, ${l.amount})`,
  );
  return sql`LATERAL (VALUES ${sql.join(rows, sql`, `)}) AS v(account, user_id, unit, amount)`;
}
