import { randomUUID } from 'node:crypto';
import type { ApiErrorResponse, AuthResponse, GiftCatalog, Payout, Stream, Wallet } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, ok } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
let otherAdmin: AuthResponse;
beforeAll(async () => {
  s = await startTestServer({ MIN_PAYOUT_BEANS: '10', GIFT_RATE_POINTS: '1000' });
  admin = await s.registerWithRole('admin');
  otherAdmin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const as = (who: AuthResponse, method: string, path: string, body?: unknown) =>
  s.api<ApiErrorResponse>(method, path, { token: who.accessToken, body });

/** `sender` gifts `coins` worth of hearts into a live stream of `streamer` (who goes live here). */
async function gift(sender: AuthResponse, streamer: AuthResponse, coins: number) {
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'four eyes', category: 'music' },
    })
  ).body;
  const heart = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find((g) => g.slug === 'heart');
  if (heart?.costCoins !== 1) throw new Error('expected a 1-coin heart');
  const socket = await connectSocket(s.url, { token: sender.accessToken });
  await ok(socket, 'join-stream', { streamId: stream.id });
  await ok(socket, 'send-gift', {
    streamId: stream.id,
    giftId: heart.id,
    count: coins,
    idempotencyKey: randomUUID(),
  });
  await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
  return heart.beansValue * coins;
}

const wallet = async (who: AuthResponse) =>
  (await s.api<Wallet>('GET', '/api/wallet', { token: who.accessToken })).body;

describe('promotional coins never become withdrawable beans', () => {
  it('the puppet attack: coins an admin granted, gifted to the admin, cannot be paid out', async () => {
    const puppet = await s.register();
    const grant = await as(admin, 'POST', `/api/admin/users/${puppet.user.id}/adjust-balance`, {
      account: 'coins',
      delta: 50,
      reason: 'promo',
    });
    expect(grant.status).toBe(200);
    expect(await wallet(puppet)).toMatchObject({ coins: 50, promoCoins: 50 });

    const beans = await gift(puppet, admin, 50);
    expect(beans).toBeGreaterThan(0);
    expect(await wallet(admin)).toMatchObject({ beans, withdrawableBeans: 0 });
    const payout = await as(admin, 'POST', '/api/payouts', { beans, idempotencyKey: randomUUID() });
    expect(payout.status).toBe(402);
    expect(payout.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(payout.body.error.message).toMatch(/withdrawable/);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('a colluding streamer gets no withdrawable beans from promo coins; bought coins still pay out', async () => {
    const puppet = await s.register();
    const streamer = await s.register();
    await as(admin, 'POST', `/api/admin/users/${puppet.user.id}/adjust-balance`, {
      account: 'coins',
      delta: 20,
      reason: 'promo',
    });
    await grantCoins(s.db, puppet.user.id, 30); // stands for bought coins
    // 40 coins: 20 promo go first, then 20 real.
    const beans = await gift(puppet, streamer, 40);
    const promoBeans = beans / 2;
    expect(await wallet(puppet)).toMatchObject({ coins: 10, promoCoins: 0 });
    expect(await wallet(streamer)).toMatchObject({ beans, withdrawableBeans: beans - promoBeans });

    const tooMuch = await as(streamer, 'POST', '/api/payouts', { beans, idempotencyKey: randomUUID() });
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_FUNDS');
    const fine = await s.api<Payout>('POST', '/api/payouts', {
      token: streamer.accessToken,
      body: { beans: beans - promoBeans, idempotencyKey: randomUUID() },
    });
    expect(fine.status).toBe(201);
    expect(await wallet(streamer)).toMatchObject({ beans: promoBeans, withdrawableBeans: 0 });
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('an admin beans grant is promotional too', async () => {
    const streamer = await s.register();
    await as(admin, 'POST', `/api/admin/users/${streamer.user.id}/adjust-balance`, {
      account: 'beans',
      delta: 500,
      reason: 'promo',
    });
    expect(await wallet(streamer)).toMatchObject({ beans: 500, withdrawableBeans: 0 });
    const payout = await as(streamer, 'POST', '/api/payouts', { beans: 100, idempotencyKey: randomUUID() });
    expect(payout.body.error.code).toBe('INSUFFICIENT_FUNDS');
  });
});

describe('four eyes: no admin decides on their own things', () => {
  it('an admin cannot approve or reject their own payout; another admin can', async () => {
    const viewer = await s.register();
    await grantCoins(s.db, viewer.user.id, 40);
    const beans = await gift(viewer, admin, 40);
    const payout = await s.api<Payout>('POST', '/api/payouts', {
      token: admin.accessToken,
      body: { beans, idempotencyKey: randomUUID() },
    });
    expect(payout.status).toBe(201);
    for (const decision of ['approve', 'reject']) {
      const res = await as(admin, 'POST', `/api/admin/payouts/${payout.body.id}/${decision}`, {
        reason: 'deciding on my own things',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const approved = await as(otherAdmin, 'POST', `/api/admin/payouts/${payout.body.id}/approve`, {
      reason: 'checked',
    });
    expect(approved.status).toBe(200);
  });

  it('an admin cannot change their own role, ban, suspend, unban or balance', async () => {
    const self = `/api/admin/users/${admin.user.id}`;
    const attempts = [
      as(admin, 'PATCH', `${self}/role`, { role: 'user', reason: 'deciding on my own things' }),
      as(admin, 'POST', `${self}/ban`, { reason: 'deciding on my own things' }),
      as(admin, 'POST', `${self}/suspend`, {
        until: new Date(Date.now() + 86_400_000).toISOString(),
        reason: 'deciding on my own things',
      }),
      as(admin, 'POST', `${self}/unban`, { reason: 'deciding on my own things' }),
      as(admin, 'POST', `${self}/adjust-balance`, {
        account: 'coins',
        delta: 10,
        reason: 'deciding on my own things',
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { rule: 'four-eyes' } });
    }
  });
});
