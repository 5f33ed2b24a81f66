import { randomUUID } from 'node:crypto';
import type {
  ApiErrorResponse,
  AuthResponse,
  CheckoutResponse,
  CoinPackageList,
  GiftCatalog,
  Stream,
  Wallet,
} from '@airwave/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ledgerEntries, payments, stripeEvents, users } from '../db/schema/index.ts';
import {
  chargeRefunded,
  deliver,
  type FakeStripe,
  startFakeStripe,
  stripeEvent,
} from '../test/fake-stripe.ts';
import { scrape } from '../test/metrics-scrape.ts';
import { balancesOf, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, ok } from '../test/test-socket.ts';

let s: TestServer;
let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  s = await startTestServer({ ...fake.env, GIFT_RATE_POINTS: '1000' });
});
afterEach(closeAllSockets);
afterAll(async () => {
  await s.close();
  await fake.close();
});

type CheckoutResult = CheckoutResponse & ApiErrorResponse;
const checkout = (user: AuthResponse, packageId = 'coins-100', idempotencyKey = randomUUID()) =>
  s.api<CheckoutResult>('POST', '/api/payments/checkout', {
    token: user.accessToken,
    body: { packageId, idempotencyKey },
  });

const paymentRow = async (id: string) => {
  const [row] = await s.db.select().from(payments).where(eq(payments.id, id));
  if (!row) throw new Error('no payment');
  return row;
};

/** A signed-in buyer with a Stripe checkout started for `packageId`, and the session Stripe holds. */
async function startedCheckout(packageId = 'coins-100') {
  const user = await s.register();
  const res = await checkout(user, packageId);
  expect(res.status).toBe(201);
  const row = await paymentRow(res.body.payment.id);
  if (!row.transactionId) throw new Error('no session stored');
  return { user, payment: res.body.payment, sessionId: row.transactionId };
}

const completed = (sessionId: string) => stripeEvent('checkout.session.completed', fake.pay(sessionId));

async function purchaseRows(paymentId: string) {
  return s.db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.paymentId, paymentId), eq(ledgerEntries.kind, 'purchase')));
}

describe('coin packages', () => {
  it('lists the active packages in shop order, without signing in', async () => {
    const res = await s.api<CoinPackageList>('GET', '/api/coins/packages');
    expect(res.status).toBe(200);
    expect(res.body.items.map((p) => p.id)).toEqual([
      'coins-100',
      'coins-500',
      'coins-1200',
      'coins-3000',
      'coins-6500',
      'coins-14000',
    ]);
    expect(res.body.items[1]).toEqual({
      id: 'coins-500',
      coins: 500,
      bonusCoins: 25,
      priceCents: 499,
      currency: 'usd',
    });
  });
});

describe('checkout', () => {
  it('creates a pending payment and a Stripe Checkout Session through the SDK', async () => {
    const user = await s.register();
    const res = await checkout(user, 'coins-500');
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({
      provider: 'stripe',
      packageId: 'coins-500',
      amountCents: 499,
      currency: 'usd',
      coins: 525,
      status: 'pending',
    });
    expect(res.body.test).toBe(true); // an sk_test_ key
    const row = await paymentRow(res.body.payment.id);
    expect(row.transactionId).toMatch(/^cs_test_/);
    expect(res.body.url).toBe(`https://checkout.stripe.test/c/pay/${row.transactionId}`);
    const sent = fake.creates.at(-1);
    expect(sent?.form).toMatchObject({
      mode: 'payment',
      client_reference_id: row.id,
      'metadata[paymentId]': row.id,
      'payment_intent_data[metadata][paymentId]': row.id,
      'line_items[0][price_data][unit_amount]': '499',
      'line_items[0][price_data][currency]': 'usd',
    });
    expect(sent?.form.success_url).toContain(row.id);
    expect(sent?.idempotencyKey).toBe(`airwave-checkout-${row.id}`);
  });

  it('is idempotent per key, also when the retries race; another package with that key conflicts', async () => {
    const user = await s.register();
    const key = randomUUID();
    const before = fake.creates.length;
    const results = await Promise.all([1, 2, 3].map(() => checkout(user, 'coins-100', key)));
    const again = await checkout(user, 'coins-100', key);
    for (const r of [...results, again]) {
      expect(r.status).toBe(201);
      expect(r.body.payment.id).toBe(again.body.payment.id);
      expect(r.body.url).toBe(again.body.url);
    }
    // Racing requests may each reach Stripe, but with one idempotency key: one session.
    const keys = new Set(fake.creates.slice(before).map((c) => c.idempotencyKey));
    expect(keys.size).toBe(1);
    const mine = await s.db.select().from(payments).where(eq(payments.userId, user.user.id));
    expect(mine).toHaveLength(1);

    const conflict = await checkout(user, 'coins-500', key);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('validates the body and requires sign-in', async () => {
    const user = await s.register();
    for (const body of [
      {},
      { packageId: 'coins-100' },
      { packageId: 'coins-100', idempotencyKey: 'short' },
      { packageId: 'coins-100', idempotencyKey: 'has spaces in it' },
      { packageId: '', idempotencyKey: randomUUID() },
      { packageId: 'coins-100', idempotencyKey: randomUUID(), coins: 1_000_000 },
      { packageId: 'no-such-package', idempotencyKey: randomUUID() },
    ]) {
      const res = await s.api<ApiErrorResponse>('POST', '/api/payments/checkout', {
        token: user.accessToken,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const anonymous = await s.api('POST', '/api/payments/checkout', {
      body: { packageId: 'coins-100', idempotencyKey: randomUUID() },
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers PAYMENTS_UNAVAILABLE when Stripe is down, and a retry with the key works later', async () => {
    const user = await s.register();
    const key = randomUUID();
    fake.failing = true;
    try {
      const down = await checkout(user, 'coins-100', key);
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('PAYMENTS_UNAVAILABLE');
    } finally {
      fake.failing = false;
    }
    const retry = await checkout(user, 'coins-100', key);
    expect(retry.status).toBe(201);
    expect(retry.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
  });

  it('refuses the dev provider while Stripe is configured', async () => {
    const { user, payment } = await startedCheckout();
    const res = await s.api<ApiErrorResponse>('POST', '/api/payments/dev/complete', {
      token: user.accessToken,
      body: { paymentId: payment.id },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(0);
  });
});

describe('stripe webhook', () => {
  it('a valid completion credits the coins once, with ledger, audit and payment status', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const event = completed(sessionId);
    const res = await deliver(s, event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, duplicate: false });

    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: user.accessToken });
    expect(wallet.body).toMatchObject({ coins: 100, coinsDebt: 0 });
    expect(await paymentRow(payment.id)).toMatchObject({
      status: 'completed',
      paymentIntentId: fake.sessions.get(sessionId)?.payment_intent,
    });
    const [purchase] = await purchaseRows(payment.id);
    expect(purchase).toMatchObject({ delta: 100, balanceAfter: 100, reference: null });
    const audits = await s.db.select().from(auditLog).where(eq(auditLog.targetId, payment.id));
    expect(audits.map((a) => a.action)).toEqual(['payment.complete']);
    expect(audits[0]?.after).toMatchObject({ status: 'completed', coins: 100, credited: 100 });
    const mine = await s.api<{ items: Array<{ id: string; status: string }> }>('GET', '/api/payments', {
      token: user.accessToken,
    });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: payment.id, status: 'completed' })]);
  });

  it('refuses a bad or missing signature and a tampered body with 400; nothing changes', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const event = completed(sessionId);
    for (const options of [
      { secret: 'whsec_someone_else' },
      { signature: null },
      { signature: 'garbage' },
      { tamper: true },
    ]) {
      const res = await deliver(s, event, options);
      expect(res.status, JSON.stringify(options)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await paymentRow(payment.id)).status).toBe('pending');
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(0);
    expect(await s.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toEqual([]);
    // The genuine delivery still works afterwards: the refused ones did not burn the event id.
    expect((await deliver(s, event)).status).toBe(200);
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(100);
  });

  it('refuses correctly signed bodies that are not events with 400, never a 500', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const logsBefore = s.logs.length;
    const { data: _data, ...noData } = completed(sessionId);
    const bodies: unknown[] = [
      [],
      null,
      'event',
      noData,
      { ...completed(sessionId), data: { object: null } },
      { ...completed(sessionId), data: null },
      { ...completed(sessionId), id: null },
      { ...completed(sessionId), data: { object: { id: 7, payment_intent: { id: 7 } } } },
      stripeEvent('charge.refunded', { payment_intent: ['pi'] }),
      stripeEvent('constructor', {}),
      { ...completed(sessionId), id: 'evt_\u0000' },
    ];
    for (const body of bodies) {
      const res = await deliver(s, body);
      const label = JSON.stringify(body)?.slice(0, 80);
      if (res.status === 200) {
        // An event type we do not handle is recorded and acknowledged, like any other.
        expect((body as { type?: string }).type, label).toBe('constructor');
        continue;
      }
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
    }
    expect((await paymentRow(payment.id)).status).toBe('pending');
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(0);
    expect(
      s.logs.slice(logsBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 50),
    ).toEqual([]);
  });

  it('refuses a correctly signed event with a stale timestamp (a replayed capture)', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const res = await deliver(s, completed(sessionId), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await paymentRow(payment.id)).status).toBe('pending');
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(0);
  });

  it('the same event delivered 5 times (twice at once) credits once', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const event = completed(sessionId);
    const first = await Promise.all([deliver(s, event), deliver(s, event)]);
    const later = [];
    for (let i = 0; i < 3; i++) later.push(await deliver(s, event));
    const all = [...first, ...later];
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(all.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(100);
    expect(await purchaseRows(payment.id)).toHaveLength(1);
  });

  it('5 different events completing one payment, concurrently, credit exactly once', async () => {
    const { user, payment, sessionId } = await startedCheckout('coins-1200');
    const paid = fake.pay(sessionId);
    const events = [
      stripeEvent('checkout.session.completed', paid),
      stripeEvent('checkout.session.completed', paid),
      stripeEvent('checkout.session.async_payment_succeeded', paid),
      stripeEvent('checkout.session.completed', paid),
      stripeEvent('checkout.session.async_payment_succeeded', paid),
    ];
    const results = await Promise.all(events.map((e) => deliver(s, e)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(1300);
    expect(await purchaseRows(payment.id)).toHaveLength(1);
    const audits = await s.db.select().from(auditLog).where(eq(auditLog.targetId, payment.id));
    expect(audits).toHaveLength(1);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('an unpaid completion waits for async success; async failure and expiry close without coins', async () => {
    const delayed = await startedCheckout();
    const unpaid = fake.pay(delayed.sessionId, 'unpaid');
    expect((await deliver(s, stripeEvent('checkout.session.completed', unpaid))).status).toBe(200);
    expect((await paymentRow(delayed.payment.id)).status).toBe('pending');
    expect((await balancesOf(s.db, delayed.user.user.id)).coins).toBe(0);
    const settled = { ...unpaid, payment_status: 'paid' };
    await deliver(s, stripeEvent('checkout.session.async_payment_succeeded', settled));
    expect((await balancesOf(s.db, delayed.user.user.id)).coins).toBe(100);

    const failing = await startedCheckout();
    const failed = fake.pay(failing.sessionId, 'unpaid');
    await deliver(s, stripeEvent('checkout.session.async_payment_failed', failed));
    expect((await paymentRow(failing.payment.id)).status).toBe('failed');

    const abandoned = await startedCheckout();
    const session = fake.sessions.get(abandoned.sessionId);
    await deliver(s, stripeEvent('checkout.session.expired', { ...session, status: 'expired' }));
    expect((await paymentRow(abandoned.payment.id)).status).toBe('expired');
    // A completion arriving after expiry (out of order) credits nothing.
    await deliver(s, completed(abandoned.sessionId));
    expect((await paymentRow(abandoned.payment.id)).status).toBe('expired');
    for (const buyer of [failing, abandoned]) {
      expect((await balancesOf(s.db, buyer.user.user.id)).coins).toBe(0);
    }
    const actions = await s.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetType, 'payment'));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['payment.fail', 'payment.expire']));
  });

  it('ignores events for payments it does not know, and event types it does not handle', async () => {
    const stranger = stripeEvent('checkout.session.completed', {
      id: 'cs_test_other_app',
      object: 'checkout.session',
      payment_status: 'paid',
      metadata: { paymentId: randomUUID() },
      client_reference_id: null,
      payment_intent: 'pi_other',
    });
    expect((await deliver(s, stranger)).status).toBe(200);
    expect(
      (await deliver(s, stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }))).status,
    ).toBe(200);
  });
});

describe('refunds', () => {
  /** A streamer live, so the buyer can spend coins on a gift. */
  async function spend(buyer: AuthResponse, coins: number) {
    const streamer = await s.register();
    const stream = (
      await s.api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title: 'refund me', category: 'music' },
      })
    ).body;
    const gift = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find(
      (g) => g.costCoins === coins,
    );
    if (!gift) throw new Error(`no gift costing ${coins}`);
    const socket = await connectSocket(s.url, { token: buyer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    await ok(socket, 'send-gift', { streamId: stream.id, giftId: gift.id, idempotencyKey: randomUUID() });
  }

  it('takes unspent coins back in full; a replayed refund takes nothing more', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    await deliver(s, completed(sessionId));
    const session = fake.sessions.get(sessionId);
    if (!session) throw new Error('no session');
    const refund = stripeEvent('charge.refunded', chargeRefunded(session));
    await deliver(s, refund);
    await deliver(s, refund);
    await deliver(s, stripeEvent('charge.refunded', chargeRefunded(session))); // Stripe resending, new id
    expect((await paymentRow(payment.id)).status).toBe('refunded');
    const [u] = await s.db.select().from(users).where(eq(users.id, user.user.id));
    expect(u).toMatchObject({ coins: 0, coinsDebt: 0, flaggedAt: null });
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('after the buyer spent some: balance 0, the rest is debt, account flagged; the next purchase repays it', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    await deliver(s, completed(sessionId));
    await spend(user, 30);
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(70);

    const session = fake.sessions.get(sessionId);
    if (!session) throw new Error('no session');
    const res = await deliver(s, stripeEvent('charge.refunded', chargeRefunded(session)));
    expect(res.status).toBe(200);
    const [u] = await s.db.select().from(users).where(eq(users.id, user.user.id));
    expect(u).toMatchObject({ coins: 0, coinsDebt: 30 });
    expect(u?.flaggedAt).toBeInstanceOf(Date);
    expect(u?.flagReason).toContain(payment.id);
    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: user.accessToken });
    expect(wallet.body).toMatchObject({ coins: 0, coinsDebt: 30 });
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, payment.id), eq(auditLog.action, 'payment.refund')));
    expect(audit?.after).toMatchObject({ taken: 70, owed: 30, coins: 0, coinsDebt: 30 });
    expect(await ledgerMismatches(s.db)).toEqual([]);

    // The next purchase pays the debt off first.
    const next = await checkout(user, 'coins-100');
    const nextRow = await paymentRow(next.body.payment.id);
    await deliver(s, completed(nextRow.transactionId ?? ''));
    const after = await s.api<Wallet>('GET', '/api/wallet', { token: user.accessToken });
    expect(after.body).toMatchObject({ coins: 70, coinsDebt: 0 });
    const kinds = await s.db
      .select({ kind: ledgerEntries.kind, delta: ledgerEntries.delta })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.paymentId, nextRow.id));
    expect(kinds).toEqual([
      { kind: 'purchase', delta: 100 },
      { kind: 'refund', delta: -30 },
    ]);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('a refund that overtakes its completion is matched through Stripe and the late completion credits nothing', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const paid = fake.pay(sessionId);
    const refund = await deliver(s, stripeEvent('charge.refunded', chargeRefunded(paid)));
    expect(refund.status).toBe(200);
    expect((await paymentRow(payment.id)).status).toBe('refunded');
    await deliver(s, stripeEvent('checkout.session.completed', paid));
    expect((await paymentRow(payment.id)).status).toBe('refunded');
    expect((await balancesOf(s.db, user.user.id)).coins).toBe(0);
  });

  it('counts webhook outcomes and purchase outcomes on /metrics, and logs the money with its ids', async () => {
    const before = await scrape(s);
    const { user, payment, sessionId } = await startedCheckout();
    const event = completed(sessionId);
    expect((await deliver(s, event, { signature: 'garbage' })).status).toBe(400);
    await deliver(s, event);
    await deliver(s, event);
    const session = fake.sessions.get(sessionId);
    if (!session) throw new Error('no session');
    await deliver(s, stripeEvent('charge.refunded', chargeRefunded(session)));
    const after = await scrape(s);
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('airwave_payment_webhooks_total', { outcome: 'rejected' })).toBe(1);
    expect(delta('airwave_payment_webhooks_total', { outcome: 'processed' })).toBe(2);
    expect(delta('airwave_payment_webhooks_total', { outcome: 'duplicate' })).toBe(1);
    expect(delta('airwave_payments_total', { provider: 'stripe', outcome: 'started' })).toBe(1);
    expect(delta('airwave_payments_total', { provider: 'stripe', outcome: 'completed' })).toBe(1);
    expect(delta('airwave_payments_total', { provider: 'stripe', outcome: 'refunded' })).toBe(1);
    expect(delta('airwave_coins_bought_total', {})).toBe(100);
    const money = s.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.money === true && l.paymentId === payment.id);
    expect(money.map((l) => l.movement)).toEqual(['purchase', 'refund']);
    expect(money[0]).toMatchObject({ level: 30, userId: user.user.id, provider: 'stripe', coins: 100 });
  });

  it('a partial refund moves no coins but flags the account for review', async () => {
    const { user, payment, sessionId } = await startedCheckout();
    const paid = fake.pay(sessionId);
    await deliver(s, stripeEvent('checkout.session.completed', paid));
    await deliver(s, stripeEvent('charge.refunded', chargeRefunded(paid, false)));
    expect((await paymentRow(payment.id)).status).toBe('completed');
    const [u] = await s.db.select().from(users).where(eq(users.id, user.user.id));
    expect(u).toMatchObject({ coins: 100, coinsDebt: 0 });
    expect(u?.flagReason).toContain('partial refund');
  });
});
