import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { MIGRATIONS_FOLDER } from '../db/migrations-folder.ts';
import { openTestDatabase } from '../test/test-database.ts';
import { ledgerMismatches } from '../test/test-money.ts';
import { checkBooks } from './ledger-admin.service.ts';

/**
 * An upgrade: a database migrated up to 0007 and filled the way the code before the double-entry
 * ledger wrote money (ledger rows, cached balances, pending credits, payouts, refund debt), then
 * migrated to 0008. Its backfill must leave a book that balances and equals every cached balance.
 */
let database: Database;
let before: string;
const migrateTo = (folder: string) =>
  database.kind === 'pglite'
    ? migratePglite(database.db as never, { migrationsFolder: folder })
    : migratePg(database.db as never, { migrationsFolder: folder });

beforeAll(async () => {
  database = await openTestDatabase();
  before = mkdtempSync(path.join(tmpdir(), 'airwave-0007-'));
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === '0008_double_entry');
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  await migrateTo(before);
});
afterAll(async () => {
  await database.close();
  rmSync(before, { recursive: true, force: true });
});

describe('migration 0008 backfills the double-entry book from ledger_entries', () => {
  it('turns money written before it into balanced journal entries equal to the cached balances', async () => {
    const db = database.db;
    const one = async <T>(q: ReturnType<typeof sql>) =>
      ((await db.execute(q)) as unknown as { rows: T[] }).rows[0] as T;
    const user = async (name: string) =>
      (
        await one<{ id: string }>(
          sql`INSERT INTO users (email, password_hash, nickname) VALUES (${`${name}@x.test`}, 'x', ${name}) RETURNING id`,
        )
      ).id;
    const buyer = await user('buyer');
    const debtor = await user('debtor');
    const spender = await user('spender');
    const streamer = await user('streamer');
    const stream = (
      await one<{ id: string }>(
        sql`INSERT INTO streams (streamer_id, title, category) VALUES (${streamer}, 't', 'music') RETURNING id`,
      )
    ).id;
    const giftType = (await one<{ id: string }>(sql`SELECT id FROM gift_catalog LIMIT 1`)).id;
    const payment = async (u: string, provider: string, cents: number, coins: number, status: string) =>
      (
        await one<{ id: string }>(sql`
          INSERT INTO payments (user_id, payment_provider, package_id, amount, currency, coins_received, status, idempotency_key, payment_intent_id)
          VALUES (${u}, ${provider}::payment_provider, 'p', ${cents}, 'usd', ${coins}, ${status}::payment_status, ${crypto.randomUUID()}, ${`pi_${coins}_${cents}`})
          RETURNING id`)
      ).id;
    const entry = (
      u: string,
      account: string,
      delta: number,
      kind: string,
      extra: { payment?: string; gift?: string; reference?: string; reason?: string; promo?: number } = {},
    ) =>
      db.execute(sql`
        INSERT INTO ledger_entries (user_id, account, delta, promo_delta, kind, payment_id, gift_id, reference, reason, stream_id)
        VALUES (${u}, ${account}::ledger_account, ${delta}, ${extra.promo ?? 0}, ${kind}::ledger_kind, ${extra.payment ?? null}, ${extra.gift ?? null},
          ${extra.reference ?? null}, ${extra.reason ?? null}, ${extra.gift ? stream : null})`);
    const gift = async (from: string, cost: number, settled: boolean) => {
      const id = (
        await one<{ id: string }>(sql`
          INSERT INTO gifts (sender_id, recipient_id, stream_id, gift_type_id, cost, beans_value, idempotency_key)
          VALUES (${from}, ${streamer}, ${stream}, ${giftType}, ${cost}, ${cost}, ${crypto.randomUUID()}) RETURNING id`)
      ).id;
      await entry(from, 'coins', -cost, 'gift_sent', { gift: id });
      await entry(streamer, 'beans', cost, 'gift_received', { gift: id });
      if (!settled) {
        await db.execute(
          sql`INSERT INTO pending_bean_credits (streamer_id, stream_id, gift_id, beans) VALUES (${streamer}, ${stream}, ${id}, ${cost})`,
        );
      }
    };
    const payout = async (beans: number, status: string) => {
      const id = (
        await one<{ id: string }>(sql`
          INSERT INTO payouts (user_id, beans, cash_cents, currency, status, idempotency_key)
          VALUES (${streamer}, ${beans}, ${beans / 2}, 'usd', ${status}::payout_status, ${crypto.randomUUID()}) RETURNING id`)
      ).id;
      await entry(streamer, 'beans', -beans, 'payout_hold', { reference: id });
      if (status === 'rejected') await entry(streamer, 'beans', beans, 'payout_release', { reference: id });
    };

    // A Stripe purchase, two gifts (one still pending settlement).
    const p1 = await payment(buyer, 'stripe', 999, 1000, 'completed');
    await entry(buyer, 'coins', 1000, 'purchase', { payment: p1 });
    await gift(buyer, 300, true);
    await gift(buyer, 100, false);
    // A refund of coins partly spent: 300 taken back, 200 owed; a dev purchase repays 100 of it.
    const p2 = await payment(debtor, 'stripe', 499, 500, 'refunded');
    await entry(debtor, 'coins', 500, 'purchase', { payment: p2 });
    await gift(debtor, 200, true);
    await entry(debtor, 'coins', -300, 'refund', {
      payment: p2,
      reason: 'refund; 200 coins already spent are owed',
    });
    const p3 = await payment(debtor, 'dev', 1, 100, 'completed');
    await entry(debtor, 'coins', 100, 'purchase', { payment: p3 });
    await entry(debtor, 'coins', -100, 'refund', {
      payment: p3,
      reason: 'repays coins owed after an earlier refund',
    });
    // A refund of coins all spent: no ledger row was written for it.
    const p4 = await payment(spender, 'stripe', 99, 100, 'refunded');
    await entry(spender, 'coins', 100, 'purchase', { payment: p4 });
    await gift(spender, 100, true);
    // Payouts pending, approved and rejected; an admin grant of beans.
    await payout(100, 'pending');
    await payout(50, 'approved');
    await payout(20, 'rejected');
    await entry(streamer, 'beans', 10, 'admin_adjust', { reason: 'promo', promo: 10 });
    // The cached balances as the old code left them (pending beans not yet in users.beans).
    await db.execute(sql`UPDATE users SET coins = 600 WHERE id = ${buyer}`);
    await db.execute(sql`UPDATE users SET coins = 0, coins_debt = 100 WHERE id = ${debtor}`);
    await db.execute(sql`UPDATE users SET coins = 0, coins_debt = 100 WHERE id = ${spender}`);
    await db.execute(
      sql`UPDATE users SET beans = 300 + 200 + 100 - 100 - 50 + 10, promo_beans = 10 WHERE id = ${streamer}`,
    );

    await migrateTo(MIGRATIONS_FOLDER);

    const books = await checkBooks(db);
    expect(books.mismatches).toEqual([]);
    expect(books.unbalancedEntries).toBe(0);
    expect(books.balanced).toBe(true);
    expect(await ledgerMismatches(db)).toEqual([]);
    const row = (account: string, unit: string) =>
      books.rows.find((r) => r.account === account && r.unit === unit)?.balance;
    // Cash at Stripe: 999 + 499 - 499 + 99 - 99 (the dev purchase moved none).
    expect(row('platform:stripe_clearing', 'usd')).toBe(999);
    expect(row('platform:payouts_payable', 'usd')).toBe(-25);
    expect(row('user:*:beans_pending', 'bean')).toBe(-100);
    expect(row('user:*:beans_in_payout', 'bean')).toBe(-100);
    const kinds = (await db.execute(
      sql`SELECT kind, count(*)::int AS n FROM journal_entries GROUP BY kind ORDER BY kind`,
    )) as unknown as {
      rows: Array<{ kind: string; n: number }>;
    };
    expect(Object.fromEntries(kinds.rows.map((k) => [k.kind, Number(k.n)]))).toEqual({
      admin_adjust: 1,
      bean_settlement: 1,
      gift: 4,
      payout_approve: 1,
      payout_hold: 3,
      payout_release: 1,
      purchase: 4,
      refund: 2,
      refund_cash: 1,
    });
  });
});
