import { randomUUID } from 'node:crypto';
import type { ApiErrorResponse, CheckoutResponse, Payment, Wallet } from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { auditLog } from '../db/schema/index.ts';
import { ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

type CheckoutResult = CheckoutResponse & ApiErrorResponse;

describe('dev payment provider (no Stripe keys, not production)', () => {
  it('checkout is labelled as a test and points at the local confirmation', async () => {
    const user = await s.register();
    const res = await s.api<CheckoutResult>('POST', '/api/payments/checkout', {
      token: user.accessToken,
      body: { packageId: 'coins-100', idempotencyKey: randomUUID() },
    });
    expect(res.status).toBe(201);
    expect(res.body.test).toBe(true);
    expect(res.body.payment).toMatchObject({ provider: 'dev', status: 'pending', coins: 100 });
    expect(res.body.url).toContain(`/coins/dev-checkout?payment=${res.body.payment.id}`);
  });

  it('completes the buyer’s own payment once, even when confirmed several times at once', async () => {
    const user = await s.register();
    const { body } = await s.api<CheckoutResult>('POST', '/api/payments/checkout', {
      token: user.accessToken,
      body: { packageId: 'coins-500', idempotencyKey: randomUUID() },
    });
    const complete = () =>
      s.api<Payment & ApiErrorResponse>('POST', '/api/payments/dev/complete', {
        token: user.accessToken,
        body: { paymentId: body.payment.id },
      });
    const results = await Promise.all([complete(), complete(), complete()]);
    for (const r of [...results, await complete()]) {
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('completed');
    }
    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: user.accessToken });
    expect(wallet.body.coins).toBe(525);
    const audits = await s.db.select().from(auditLog).where(eq(auditLog.targetId, body.payment.id));
    expect(audits).toEqual([expect.objectContaining({ action: 'payment.complete', actorId: user.user.id })]);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it("someone else's payment is not found; bad ids are VALIDATION_FAILED", async () => {
    const owner = await s.register();
    const other = await s.register();
    const { body } = await s.api<CheckoutResult>('POST', '/api/payments/checkout', {
      token: owner.accessToken,
      body: { packageId: 'coins-100', idempotencyKey: randomUUID() },
    });
    const stolen = await s.api<ApiErrorResponse>('POST', '/api/payments/dev/complete', {
      token: other.accessToken,
      body: { paymentId: body.payment.id },
    });
    expect(stolen.status).toBe(404);
    for (const bad of [{}, { paymentId: 'nope' }, { paymentId: body.payment.id, coins: 5 }]) {
      const res = await s.api<ApiErrorResponse>('POST', '/api/payments/dev/complete', {
        token: owner.accessToken,
        body: bad,
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (await s.api('POST', '/api/payments/dev/complete', { body: { paymentId: randomUUID() } })).status,
    ).toBe(401);
  });

  it('the Stripe webhook answers 503 when Stripe is not configured', async () => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/payments/webhook/stripe', { rawBody: '{}' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('PAYMENTS_UNAVAILABLE');
  });
});

describe('production without Stripe keys', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, BCRYPT_COST: '12' });
  });
  afterAll(() => prod.close());

  it('refuses purchases (no free coins) and the dev completion', async () => {
    const user = await prod.register();
    const checkout = await prod.api<ApiErrorResponse>('POST', '/api/payments/checkout', {
      token: user.accessToken,
      body: { packageId: 'coins-100', idempotencyKey: randomUUID() },
    });
    expect(checkout.status).toBe(503);
    expect(checkout.body.error.code).toBe('PAYMENTS_UNAVAILABLE');
    const dev = await prod.api<ApiErrorResponse>('POST', '/api/payments/dev/complete', {
      token: user.accessToken,
      body: { paymentId: randomUUID() },
    });
    expect(dev.status).toBe(403);
    expect(dev.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses payouts too: nobody can be paid, so nobody may ask', async () => {
    const user = await prod.register();
    const account = await prod.api<ApiErrorResponse>('GET', '/api/payouts/account', {
      token: user.accessToken,
    });
    expect(account.status).toBe(503);
    const payout = await prod.api<ApiErrorResponse>('POST', '/api/payouts', {
      token: user.accessToken,
      body: { beans: 20_000, idempotencyKey: randomUUID() },
    });
    expect(payout.status).toBe(503);
    expect(payout.body.error.code).toBe('PAYMENTS_UNAVAILABLE');
  });
});

describe('config', () => {
  it('refuses a Stripe key without a webhook secret', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, STRIPE_SECRET_KEY: 'sk_test_x' }),
    ).toThrow(ConfigError);
  });
});
