import { randomUUID } from 'node:crypto';
import type {
  ApiErrorResponse,
  AuthResponse,
  CheckoutResponse,
  LastReconciliation,
  Reconciliation,
  TrialBalance,
} from '@airwave/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chargeRefunded,
  deliver,
  type FakeStripe,
  startFakeStripe,
  stripeEvent,
} from '../test/fake-stripe.ts';
import { bookProblems, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { postJournalEntry, reverseJournalEntry } from './ledger.repository.ts';

let s: TestServer;
let dev: TestServer;
let fake: FakeStripe;
let admin: AuthResponse;
beforeAll(async () => {
  fake = await startFakeStripe();
  [s, dev] = await Promise.all([startTestServer({ ...fake.env }), startTestServer()]);
  admin = await s.registerWithRole('admin');
});
afterAll(async () => {
  await Promise.all([s.close(), dev.close()]);
  await fake.close();
});

/** A Stripe purchase paid at the fake Stripe and credited by its signed webhook. */
async function buy(packageId = 'coins-100') {
  const buyer = await s.register();
  const res = await s.api<CheckoutResponse>('POST', '/api/payments/checkout', {
    token: buyer.accessToken,
    body: { packageId, idempotencyKey: randomUUID() },
  });
  const sessionId = res.body.url.split('/').at(-1) ?? '';
  const paid = fake.pay(sessionId);
  expect((await deliver(s, stripeEvent('checkout.session.completed', paid))).status).toBe(200);
  return {
    buyer,
    sessionId,
    paymentIntent: paid.payment_intent as string,
    amount: paid.amount_total as number,
  };
}

const reconcile = () =>
  s.api<Reconciliation & ApiErrorResponse>('POST', '/api/admin/ledger/reconcile', {
    token: admin.accessToken,
  });

describe('GET /api/admin/ledger/trial-balance', () => {
  it('is for admins only', async () => {
    const user = await s.register();
    expect((await s.api('GET', '/api/admin/ledger/trial-balance')).status).toBe(401);
    const res = await s.api<ApiErrorResponse>('GET', '/api/admin/ledger/trial-balance', {
      token: user.accessToken,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const moderator = await s.registerWithRole('moderator');
    expect(
      (await s.api('GET', '/api/admin/ledger/trial-balance', { token: moderator.accessToken })).status,
    ).toBe(403);
  });

  it('shows per-account totals that sum to zero per unit, with cash in Stripe clearing', async () => {
    const { amount } = await buy('coins-500');
    const res = await s.api<TrialBalance>('GET', '/api/admin/ledger/trial-balance', {
      token: admin.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.balanced).toBe(true);
    expect(res.body.mismatches).toEqual([]);
    expect(res.body.totals.every((t) => t.balance === 0)).toBe(true);
    const clearing = res.body.rows.find((r) => r.account === 'platform:stripe_clearing' && r.unit === 'usd');
    expect(clearing?.balance).toBeGreaterThanOrEqual(amount);
    const coins = res.body.rows.find((r) => r.account === 'user:*:coins' && r.unit === 'coin');
    expect(coins?.balance).toBeLessThan(0); // what Airwave owes its users is a credit
    expect(coins?.users).toBeGreaterThan(0);
  });

  it('says "not balanced" when a cached balance drifts from its postings', async () => {
    const user = await dev.register();
    // A balance changed behind the ledger's back (what the scan test forbids in the code).
    await dev.db.execute(sql`UPDATE users SET coins = coins + 7 WHERE id = ${user.user.id}`);
    const devAdmin = await dev.registerWithRole('admin');
    const res = await dev.api<TrialBalance>('GET', '/api/admin/ledger/trial-balance', {
      token: devAdmin.accessToken,
    });
    expect(res.body.balanced).toBe(false);
    expect(res.body.mismatches).toContainEqual({
      userId: user.user.id,
      account: 'coins',
      cached: 7,
      postings: 0,
    });
    await dev.db.execute(sql`UPDATE users SET coins = coins - 7 WHERE id = ${user.user.id}`);
  });
});

/** The database's own message behind drizzle's "Failed query" wrapper. */
const dbMessage = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

describe('the book itself', () => {
  it('refuses postings that do not sum to zero, and any UPDATE or DELETE', async () => {
    expect(
      await dbMessage(
        s.db.transaction(async (tx) => {
          const id = await postJournalEntry(tx, 'refund_cash', { cents: 5, currency: 'usd' });
          await tx.execute(
            sql`INSERT INTO postings (journal_entry_id, account, unit, amount) VALUES (${id}, 'platform:revenue', 'usd', 1)`,
          );
        }),
      ),
    ).toMatch(/does not balance in usd: 1/);
    expect(
      await dbMessage(
        s.db.execute(sql`UPDATE postings SET amount = amount WHERE id = (SELECT min(id) FROM postings)`),
      ),
    ).toMatch(/postings is append-only/);
    expect(await dbMessage(s.db.execute(sql`DELETE FROM journal_entries`))).toMatch(
      /journal_entries is append-only/,
    );
  });

  it('corrects an entry with its reversing entry, once', async () => {
    const id = await s.db.transaction((tx) =>
      postJournalEntry(tx, 'refund_cash', { cents: 123, currency: 'eur' }, { reason: 'booked by mistake' }),
    );
    const reversal = await s.db.transaction((tx) => reverseJournalEntry(tx, id, { reason: 'correction' }));
    const eur = (await s.db.execute(
      sql`SELECT account, sum(amount)::int AS total FROM postings WHERE unit = 'eur' GROUP BY account`,
    )) as unknown as { rows: Array<{ total: number }> };
    expect(eur.rows.every((r) => Number(r.total) === 0)).toBe(true);
    expect(reversal).toBeGreaterThan(id);
    await expect(
      s.db.transaction((tx) => reverseJournalEntry(tx, id, { reason: 'again' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await bookProblems(s.db)).toEqual([]);
  });
});

describe('POST /api/admin/ledger/reconcile', () => {
  it('is for admins only, and needs Stripe: the dev provider answers RECONCILIATION_UNAVAILABLE', async () => {
    const user = await s.register();
    expect((await s.api('POST', '/api/admin/ledger/reconcile', { token: user.accessToken })).status).toBe(
      403,
    );
    expect((await s.api('POST', '/api/admin/ledger/reconcile')).status).toBe(401);
    const devAdmin = await dev.registerWithRole('admin');
    const res = await dev.api<ApiErrorResponse>('POST', '/api/admin/ledger/reconcile', {
      token: devAdmin.accessToken,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('RECONCILIATION_UNAVAILABLE');
    const last = await dev.api<LastReconciliation>('GET', '/api/admin/ledger/reconcile', {
      token: devAdmin.accessToken,
    });
    expect(last.body).toEqual({ available: false, result: null });
  });

  it('matches purchases and refunds, then lists what is missing on either side and amounts that differ', async () => {
    const first = await buy();
    const refunded = await buy();
    await deliver(
      s,
      stripeEvent('charge.refunded', chargeRefunded(fake.sessions.get(refunded.sessionId) as never)),
    );
    // Enough unrelated transactions (Stripe's own payouts) that the SDK has to page through them.
    for (let i = 0; i < 120; i++) fake.addBalanceTransaction('payout', -1, 'usd');

    const clean = await reconcile();
    expect(clean.status).toBe(200);
    expect(clean.body.differences).toEqual([]);
    expect(clean.body.matched).toBe(true);
    expect(clean.body.stripeTransactions).toBe(fake.balanceTransactions.length);

    // Stripe has a charge the ledger lacks (made outside Airwave) ...
    const outside = fake.addBalanceTransaction('charge', 4200, 'usd', 'pi_outside_airwave');
    // ... the ledger has a charge Stripe lacks ...
    const gone = fake.balanceTransactions.findIndex((b) => b.type === 'charge' && b.amount === first.amount);
    const [removed] = fake.balanceTransactions.splice(gone, 1);
    // ... and Stripe's amount of a later charge differs from the ledger's.
    const later = await buy();
    const mismatched = fake.balanceTransactions.at(-1);
    if (!removed || mismatched?.type !== 'charge') throw new Error('no transaction');
    mismatched.amount += 1;

    const res = await reconcile();
    expect(res.body.matched).toBe(false);
    expect(res.body.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'missing_in_ledger',
          paymentIntentId: 'pi_outside_airwave',
          stripeTransactionId: outside.id,
          stripeAmount: 4200,
          ledgerAmount: null,
        }),
        expect.objectContaining({
          kind: 'missing_at_stripe',
          type: 'charge',
          stripeAmount: null,
          ledgerAmount: first.amount,
        }),
        expect.objectContaining({
          kind: 'amount_mismatch',
          paymentIntentId: later.paymentIntent,
          stripeAmount: later.amount + 1,
          ledgerAmount: later.amount,
        }),
      ]),
    );
    expect(res.body.differences).toHaveLength(3);

    const last = await s.api<LastReconciliation>('GET', '/api/admin/ledger/reconcile', {
      token: admin.accessToken,
    });
    expect(last.body.available).toBe(true);
    expect(last.body.result?.id).toBe(res.body.id);
    expect(last.body.result?.differences).toHaveLength(3);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });
});
