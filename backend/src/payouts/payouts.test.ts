import { randomUUID } from 'node:crypto';
import type {
  ApiErrorResponse,
  AuthResponse,
  GiftCatalog,
  Payout,
  PayoutAccount,
  Stream,
  Wallet,
  WalletHistory,
} from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema/index.ts';
import { grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, ok } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
beforeAll(async () => {
  s = await startTestServer({ MIN_PAYOUT_BEANS: '50', GIFT_RATE_POINTS: '1000' });
  admin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

/** A streamer who has earned `beans` from a viewer's gifts in a live stream. */
async function streamerWithBeans(beans: number) {
  const streamer = await s.register();
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'earn', category: 'music' },
    })
  ).body;
  const viewer = await s.register();
  await grantCoins(s.db, viewer.user.id, beans);
  const socket = await connectSocket(s.url, { token: viewer.accessToken });
  await ok(socket, 'join-stream', { streamId: stream.id });
  const heart = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find((g) => g.slug === 'heart');
  if (!heart) throw new Error('no heart');
  for (let left = beans; left > 0; left -= 99) {
    const count = Math.min(99, left);
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: heart.id,
      count,
      idempotencyKey: randomUUID(),
    });
  }
  return { streamer, viewer, stream };
}

const request = (token: string, beans: number, idempotencyKey = randomUUID()) =>
  s.api<Payout & ApiErrorResponse>('POST', '/api/payouts', { token, body: { beans, idempotencyKey } });

describe('payouts', () => {
  it('refuses less than the minimum and more than the balance', async () => {
    const { streamer } = await streamerWithBeans(90);
    const tooSmall = await request(streamer.accessToken, 49);
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.error.details).toEqual([expect.objectContaining({ path: 'beans' })]);
    const tooMuch = await request(streamer.accessToken, 91);
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect((await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken })).body.beans).toBe(90);
  });

  it('request → pending hold → approve; request → reject returns the beans; each is audited', async () => {
    const { streamer } = await streamerWithBeans(99);
    const { streamer: s2 } = await streamerWithBeans(99);

    const held = await request(streamer.accessToken, 99);
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ beans: 99, cashCents: 49, currency: 'usd', status: 'pending' });
    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken });
    expect(wallet.body).toMatchObject({ beans: 0, pendingPayoutBeans: 99 });

    const denied = await s.api('POST', `/api/admin/payouts/${held.body.id}/approve`, {
      token: streamer.accessToken,
      body: { reason: 'approve myself' },
    });
    expect(denied.status).toBe(403);
    const pendingList = await s.api<{ items: Payout[] }>('GET', '/api/admin/payouts', {
      token: admin.accessToken,
    });
    expect(pendingList.body.items.map((p) => p.id)).toContain(held.body.id);

    const approved = await s.api<Payout>('POST', `/api/admin/payouts/${held.body.id}/approve`, {
      token: admin.accessToken,
      body: { reason: 'verified' },
    });
    expect(approved.body.status).toBe('approved');
    const twice = await s.api<ApiErrorResponse>('POST', `/api/admin/payouts/${held.body.id}/reject`, {
      token: admin.accessToken,
      body: { reason: 'changed my mind' },
    });
    expect(twice.status).toBe(409);
    expect((await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken })).body).toMatchObject({
      beans: 0,
      pendingPayoutBeans: 0,
    });

    const rejectMe = await request(s2.accessToken, 99);
    const rejected = await s.api<Payout>('POST', `/api/admin/payouts/${rejectMe.body.id}/reject`, {
      token: admin.accessToken,
      body: { reason: 'bank details missing' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'bank details missing' });
    expect((await s.api<Wallet>('GET', '/api/wallet', { token: s2.accessToken })).body.beans).toBe(99);

    const audits = await s.db.select().from(auditLog).where(eq(auditLog.targetType, 'payout'));
    expect(audits.map((a) => a.action).sort()).toEqual(['payout.approve', 'payout.reject']);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('is idempotent per key', async () => {
    const { streamer } = await streamerWithBeans(300);
    const k = randomUUID();
    const a = await request(streamer.accessToken, 120, k);
    const b = await request(streamer.accessToken, 120, k);
    expect(b.body.id).toBe(a.body.id);
    expect((await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken })).body.beans).toBe(180);
    const conflict = await request(streamer.accessToken, 121, k);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const mine = await s.api<{ items: Payout[] }>('GET', '/api/payouts', { token: streamer.accessToken });
    expect(mine.body.items).toHaveLength(1);
  });

  it('without Stripe (the dev provider) the payout account is simulated: ready, nothing to connect', async () => {
    const user = await s.register();
    const account = await s.api<PayoutAccount>('GET', '/api/payouts/account', { token: user.accessToken });
    expect(account.body).toEqual({
      provider: 'dev',
      status: 'ready',
      payoutsEnabled: true,
      detailsSubmitted: true,
      currentlyDue: [],
      disabledReason: null,
    });
    const onboarding = await s.api<ApiErrorResponse>('POST', '/api/payouts/account/onboarding', {
      token: user.accessToken,
    });
    expect(onboarding.status).toBe(409);
    const webhook = await s.api<ApiErrorResponse>('POST', '/api/payouts/webhook/stripe-connect', {
      rawBody: '{}',
    });
    expect(webhook.status).toBe(503);
    expect(webhook.body.error.code).toBe('PAYMENTS_UNAVAILABLE');
  });

  it('validates the body', async () => {
    const user = await s.register();
    for (const body of [
      {},
      { beans: -5, idempotencyKey: randomUUID() },
      { beans: 1.5, idempotencyKey: randomUUID() },
      { beans: 100 },
    ]) {
      const res = await s.api<ApiErrorResponse>('POST', '/api/payouts', { token: user.accessToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('wallet history', () => {
  it('lists ledger movements with counterpart and stream, newest first, paginated', async () => {
    const { streamer, viewer, stream } = await streamerWithBeans(7);
    const page1 = await s.api<WalletHistory>('GET', '/api/wallet/history?limit=1', {
      token: viewer.accessToken,
    });
    expect(page1.body.items[0]).toMatchObject({
      account: 'coins',
      delta: -7,
      kind: 'gift_sent',
      counterpart: { id: streamer.user.id },
      streamId: stream.id,
    });
    const page2 = await s.api<WalletHistory>(
      `GET`,
      `/api/wallet/history?limit=1&cursor=${page1.body.nextCursor}`,
      {
        token: viewer.accessToken,
      },
    );
    expect(page2.body.items[0]).toMatchObject({ kind: 'grant', delta: 7 });
    expect(page2.body.nextCursor).toBeNull();
    const earned = await s.api<WalletHistory>('GET', '/api/wallet/history?account=beans', {
      token: streamer.accessToken,
    });
    expect(earned.body.items[0]).toMatchObject({
      kind: 'gift_received',
      delta: 7,
      counterpart: { id: viewer.user.id },
    });
    expect((await s.api('GET', '/api/wallet/history?cursor=abc', { token: viewer.accessToken })).status).toBe(
      400,
    );
    expect((await s.api('GET', '/api/wallet')).status).toBe(401);
  });
});
