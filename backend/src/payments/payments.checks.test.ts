import { randomUUID } from 'node:crypto';
import type { AuthResponse, CheckoutResponse, Wallet } from '@airwave/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, payments, stripeEvents } from '../db/schema/index.ts';
import { deliver, type FakeStripe, startFakeStripe, stripeEvent } from '../test/fake-stripe.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

// Two Airwaves: one on a test key (like the other Stripe suites) and one on a live key, each
// with its own fake Stripe, so the mode check is seen from both sides.
let test: { s: TestServer; fake: FakeStripe };
let live: { s: TestServer; fake: FakeStripe };
beforeAll(async () => {
  const [testFake, liveFake] = await Promise.all([
    startFakeStripe(),
    startFakeStripe('sk_live_airwave_fake'),
  ]);
  const [testServer, liveServer] = await Promise.all([
    startTestServer(testFake.env),
    startTestServer(liveFake.env),
  ]);
  test = { s: testServer, fake: testFake };
  live = { s: liveServer, fake: liveFake };
});
afterAll(async () => {
  await Promise.all([test.s.close(), live.s.close()]);
  await Promise.all([test.fake.close(), live.fake.close()]);
});

type Env = typeof test;
const checkout = (env: Env, user: AuthResponse, idempotencyKey = randomUUID(), packageId = 'coins-500') =>
  env.s.api<CheckoutResponse>('POST', '/api/payments/checkout', {
    token: user.accessToken,
    body: { packageId, idempotencyKey },
  });

async function started(env: Env) {
  const user = await env.s.register();
  const key = randomUUID();
  const res = await checkout(env, user, key);
  expect(res.status).toBe(201);
  const [row] = await env.s.db.select().from(payments).where(eq(payments.id, res.body.payment.id));
  if (!row?.transactionId) throw new Error('no session');
  return { user, key, paymentId: row.id, sessionId: row.transactionId };
}

const coinsOf = async (env: Env, user: AuthResponse) =>
  (await env.s.api<Wallet>('GET', '/api/wallet', { token: user.accessToken })).body.coins;
const statusOf = async (env: Env, paymentId: string) =>
  (await env.s.db.select().from(payments).where(eq(payments.id, paymentId)))[0]?.status;
const refusals = (env: Env, paymentId: string) =>
  env.s.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, paymentId), eq(auditLog.action, 'payment.webhook_refused')));

describe('livemode must match the key', () => {
  it('a test key refuses a live-mode completion: 2xx, recorded once, audited, no coins', async () => {
    const { user, paymentId, sessionId } = await started(test);
    const event = stripeEvent('checkout.session.completed', test.fake.pay(sessionId), undefined, true);
    const res = await deliver(test.s, event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, duplicate: false });
    expect(await coinsOf(test, user)).toBe(0);
    expect(await statusOf(test, paymentId)).toBe('pending');
    const [audit] = await refusals(test, paymentId);
    expect(audit?.reason).toBe('livemode');
    expect(audit?.after).toMatchObject({ rule: 'livemode', expected: false, got: true, eventId: event.id });
    expect(await test.s.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(1);
    // Stripe retrying it changes nothing and is not audited twice.
    expect((await deliver(test.s, event)).body.duplicate).toBe(true);
    expect(await refusals(test, paymentId)).toHaveLength(1);
    // The genuine test-mode event still credits.
    expect(
      (await deliver(test.s, stripeEvent('checkout.session.completed', test.fake.pay(sessionId)))).status,
    ).toBe(200);
    expect(await coinsOf(test, user)).toBe(525);
  });

  it('a live key credits live-mode events and refuses test-mode ones', async () => {
    const a = await started(live);
    await deliver(live.s, stripeEvent('checkout.session.completed', live.fake.pay(a.sessionId)));
    expect(await coinsOf(live, a.user)).toBe(0);
    expect((await refusals(live, a.paymentId))[0]?.after).toMatchObject({ expected: true, got: false });
    await deliver(
      live.s,
      stripeEvent('checkout.session.completed', live.fake.pay(a.sessionId), undefined, true),
    );
    expect(await coinsOf(live, a.user)).toBe(525);
  });

  it('a test-mode refund of a live payment takes nothing', async () => {
    const a = await started(live);
    const paid = live.fake.pay(a.sessionId);
    await deliver(live.s, stripeEvent('checkout.session.completed', paid, undefined, true));
    const charge = {
      id: `ch_${randomUUID()}`,
      object: 'charge',
      refunded: true,
      payment_intent: paid.payment_intent,
    };
    await deliver(live.s, stripeEvent('charge.refunded', charge));
    expect(await coinsOf(live, a.user)).toBe(525);
    expect(await statusOf(live, a.paymentId)).toBe('completed');
  });
});

describe('the amount must be the package price', () => {
  it('refuses a completion whose amount or currency is not the payment’s, and says what it got', async () => {
    for (const change of [{ amount_total: 1 }, { currency: 'eur' }, { amount_total: 49_900 }]) {
      const { user, paymentId, sessionId } = await started(test);
      const session = { ...test.fake.pay(sessionId), ...change };
      const res = await deliver(test.s, stripeEvent('checkout.session.completed', session));
      expect(res.status).toBe(200);
      expect(await coinsOf(test, user)).toBe(0);
      expect(await statusOf(test, paymentId)).toBe('pending');
      const [audit] = await refusals(test, paymentId);
      expect(audit?.after).toMatchObject({
        rule: 'amount',
        expected: { amount: 499, currency: 'usd' },
        got: { amount: session.amount_total, currency: session.currency },
      });
    }
  });

  it('checks async_payment_succeeded the same way', async () => {
    const { user, sessionId } = await started(test);
    const session = { ...test.fake.pay(sessionId, 'unpaid'), amount_total: 100 };
    await deliver(test.s, stripeEvent('checkout.session.async_payment_succeeded', session));
    expect(await coinsOf(test, user)).toBe(0);
  });

  it('adaptive pricing: the buyer paid in euros, and the conversion says it was the package’s dollars', async () => {
    const { user, sessionId } = await started(test);
    const shown = test.fake.presentIn(sessionId, 'eur', '0.92');
    expect(shown.currency).toBe('eur');
    expect(shown.amount_total).toBe(459);
    const res = await deliver(test.s, stripeEvent('checkout.session.completed', test.fake.pay(sessionId)));
    expect(res.status).toBe(200);
    expect(await coinsOf(test, user)).toBe(525);
  });

  it('adaptive pricing with a conversion that is not the package price is refused', async () => {
    const { user, paymentId, sessionId } = await started(test);
    test.fake.presentIn(sessionId, 'eur', '0.92');
    const paid = test.fake.pay(sessionId);
    const session = {
      ...paid,
      currency_conversion: { ...(paid.currency_conversion as object), amount_total: 99 },
    };
    await deliver(test.s, stripeEvent('checkout.session.completed', session));
    expect(await coinsOf(test, user)).toBe(0);
    expect((await refusals(test, paymentId))[0]?.after).toMatchObject({
      got: { amount: 99, currency: 'usd' },
      presented: { amount: 459, currency: 'eur' },
    });
  });
});

describe('resuming a checkout', () => {
  it('an open session resumes at Stripe; an expired one never lands on the success page', async () => {
    const { user, key, paymentId, sessionId } = await started(test);
    const again = await checkout(test, user, key);
    expect(again.body.url).toBe(`https://checkout.stripe.test/c/pay/${sessionId}`);

    test.fake.expire(sessionId);
    const expired = await checkout(test, user, key);
    expect(expired.status).toBe(201);
    expect(expired.body.url).not.toContain('result=success');
    expect(expired.body.url).toContain(`payment=${paymentId}&result=expired`);
  });

  it('a completed session resumes on the success page', async () => {
    const { user, key, sessionId } = await started(test);
    test.fake.pay(sessionId);
    expect((await checkout(test, user, key)).body.url).toContain('result=success');
  });
});
