import { randomUUID } from 'node:crypto';
import type {
  AdminPayment,
  AdminPaymentList,
  ApiErrorResponse,
  AuthResponse,
  CheckoutResponse,
  GiftCatalog,
  Wallet,
} from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminKit } from '../test/admin-test-kit.ts';
import { ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, ok } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const as = <T>(method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: admin.accessToken, body });

/** A purchase through the dev provider, completed unless told otherwise. */
async function purchase(buyer: AuthResponse, packageId = 'coins-100', complete = true) {
  const { body } = await s.api<CheckoutResponse>('POST', '/api/payments/checkout', {
    token: buyer.accessToken,
    body: { packageId, idempotencyKey: randomUUID() },
  });
  if (complete) {
    await s.api('POST', '/api/payments/dev/complete', {
      token: buyer.accessToken,
      body: { paymentId: body.payment.id },
    });
  }
  return body.payment;
}

const wallet = async (u: AuthResponse) =>
  (await s.api<Wallet>('GET', '/api/wallet', { token: u.accessToken })).body;

describe('payments list', () => {
  it('filters by user and status, shows the buyer and provider ids, pages by cursor', async () => {
    const buyer = await s.register();
    const done = await purchase(buyer);
    const pending = await purchase(buyer, 'coins-500', false);

    const all = await as<AdminPaymentList>('GET', `/api/admin/payments?userId=${buyer.user.id}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((p) => p.id)).toEqual([pending.id, done.id]);
    expect(all.body.items[1]).toMatchObject({
      status: 'completed',
      provider: 'dev',
      user: { id: buyer.user.id, email: buyer.user.email },
      transactionId: expect.any(String),
      paymentIntentId: null,
    });
    const completed = await as<AdminPaymentList>(
      'GET',
      `/api/admin/payments?userId=${buyer.user.id}&status=completed`,
    );
    expect(completed.body.items.map((p) => p.id)).toEqual([done.id]);
    const first = await as<AdminPaymentList>('GET', `/api/admin/payments?userId=${buyer.user.id}&limit=1`);
    const second = await as<AdminPaymentList>(
      'GET',
      `/api/admin/payments?userId=${buyer.user.id}&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.items, ...second.body.items].map((p) => p.id)).toEqual([pending.id, done.id]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('refund', () => {
  it('takes the coins back through the webhook refund path, once; audited with the admin', async () => {
    const buyer = await s.register();
    const payment = await purchase(buyer);
    expect((await wallet(buyer)).coins).toBe(100);

    const res = await as<AdminPayment>('POST', `/api/admin/payments/${payment.id}/refund`, {
      reason: 'buyer asked by email',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('refunded');
    expect(await wallet(buyer)).toMatchObject({ coins: 0, coinsDebt: 0 });
    const again = await as<AdminPayment>('POST', `/api/admin/payments/${payment.id}/refund`, {
      reason: 'double click',
    });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('refunded');

    const audits = await kit.audits(payment.id, 'payment.refund');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.user.id,
      reason: 'admin: buyer asked by email',
      after: { status: 'refunded', taken: 100, owed: 0 },
    });
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('coins already spent become debt and flag the account, like a Stripe refund', async () => {
    const { stream } = await kit.liveStream();
    const buyer = await s.register();
    const payment = await purchase(buyer);
    const { socket } = await kit.viewerIn(stream.id, buyer);
    const coffee = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find(
      (g) => g.slug === 'coffee',
    );
    if (!coffee) throw new Error('catalog');
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: coffee.id,
      count: 3,
      idempotencyKey: randomUUID(),
    });

    await as('POST', `/api/admin/payments/${payment.id}/refund`, { reason: 'chargeback threat' });
    expect(await wallet(buyer)).toMatchObject({ coins: 0, coinsDebt: 30 });
    const users = await as<{ items: Array<{ id: string; flagReason: string | null }> }>(
      'GET',
      `/api/admin/users?status=flagged&q=${buyer.user.id}`,
    );
    expect(users.body.items[0]?.flagReason).toContain(payment.id);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('refuses a payment that never completed, and unknown ones', async () => {
    const buyer = await s.register();
    const pending = await purchase(buyer, 'coins-100', false);
    const res = await as('POST', `/api/admin/payments/${pending.id}/refund`, { reason: 'not paid yet' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    const missing = await as('POST', `/api/admin/payments/${randomUUID()}/refund`, { reason: 'who' });
    expect(missing.status).toBe(404);
  });
});
