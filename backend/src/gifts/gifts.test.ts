import { randomUUID } from 'node:crypto';
import type { AuthResponse, GiftCatalog, GiftItem, Rates, Stream, TopGifters, Wallet } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { balancesOf, grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';

let s: TestServer;
let catalog: GiftItem[];
beforeAll(async () => {
  s = await startTestServer({ BEAN_SETTLE_INTERVAL_MS: '50', GIFT_RATE_POINTS: '1000' });
  catalog = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items;
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const gift = (slug: string) => {
  const g = catalog.find((x) => x.slug === slug);
  if (!g) throw new Error(`no gift ${slug}`);
  return g;
};
const key = () => randomUUID();

async function liveRoom(): Promise<{ streamer: AuthResponse; stream: Stream; host: TestSocket }> {
  const streamer = await s.register();
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'gifts!', category: 'music' },
    })
  ).body;
  const host = await connectSocket(s.url, { token: streamer.accessToken });
  await ok(host, 'join-stream', { streamId: stream.id });
  return { streamer, stream, host };
}

async function viewerWithCoins(streamId: string, coins: number) {
  const viewer = await s.register();
  if (coins > 0) await grantCoins(s.db, viewer.user.id, coins);
  const socket = await connectSocket(s.url, { token: viewer.accessToken });
  await ok(socket, 'join-stream', { streamId });
  return { viewer, socket };
}

describe('catalog and rates', () => {
  it('lists a tiered catalog from 1 coin to tens of thousands, and the rates', async () => {
    const costs = catalog.map((g) => g.costCoins);
    expect(Math.min(...costs)).toBe(1);
    expect(Math.max(...costs)).toBeGreaterThanOrEqual(10_000);
    const rates = await s.api<Rates>('GET', '/api/wallet/rates');
    expect(rates.body).toEqual({
      beansPerCoin: 1,
      payoutCentsPer100Beans: 50,
      payoutCurrency: 'usd',
      minPayoutBeans: 10_000,
      streamerSharePercent: 50,
      // The test server frees gift beans at once (the default is 7 days).
      beanHoldDays: 0,
    });
    for (const g of catalog) expect(g.beansValue).toBe(g.costCoins * rates.body.beansPerCoin);
  });
});

describe('send-gift', () => {
  it('debits the sender, credits the streamer, tells the room and every device of the sender', async () => {
    const { streamer, stream, host } = await liveRoom();
    const { viewer, socket } = await viewerWithCoins(stream.id, 100);
    const otherDevice = await connectSocket(s.url, { token: viewer.accessToken });
    const rose = gift('rose');

    const seen = nextEvent(host, 'receive-gift');
    const walletPush = nextEvent(otherDevice, 'wallet-updated');
    const board = nextEvent(host, 'top-gifters');
    const res = await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: rose.id,
      count: 3,
      idempotencyKey: key(),
    });
    expect(res.coins).toBe(100 - 15);
    expect(res.gift).toMatchObject({
      count: 3,
      comboCount: 3,
      costCoins: 15,
      beans: 15,
      sender: { id: viewer.user.id },
    });
    expect(await seen).toMatchObject({ id: res.gift.id, gift: { name: 'Rose' } });
    expect(await walletPush).toEqual({ coins: 85, beans: 0 });
    expect((await board).items).toEqual([
      expect.objectContaining({ coins: 15, user: expect.objectContaining({ id: viewer.user.id }) }),
    ]);

    const again = await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: rose.id,
      count: 1,
      idempotencyKey: key(),
    });
    expect(again.gift.comboCount).toBe(4);

    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken });
    expect(wallet.body).toMatchObject({ beans: 20, coins: 0, pendingPayoutBeans: 0 });
    const after = await s.api<Stream>('GET', `/api/streams/${stream.id}`);
    expect(after.body).toMatchObject({ giftsCount: 2, beansEarned: 20 });
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('returns the first result for a retried key and moves nothing more', async () => {
    const { stream } = await liveRoom();
    const { viewer, socket } = await viewerWithCoins(stream.id, 50);
    const k = key();
    const payload = { streamId: stream.id, giftId: gift('coffee').id, count: 1, idempotencyKey: k };
    const first = await ok(socket, 'send-gift', payload);
    const retry = await ok(socket, 'send-gift', payload);
    expect(retry.gift.id).toBe(first.gift.id);
    expect((await balancesOf(s.db, viewer.user.id)).coins).toBe(40);
    const conflict = await emitAck(socket, 'send-gift', { ...payload, count: 2 });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } });
  });

  it('refuses without enough coins, to yourself, to an ended stream, when not in the room, when anonymous', async () => {
    const { streamer, stream, host } = await liveRoom();
    const { viewer, socket } = await viewerWithCoins(stream.id, 4);
    const poor = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: gift('rose').id,
      idempotencyKey: key(),
    });
    expect(poor).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    expect((await balancesOf(s.db, viewer.user.id)).coins).toBe(4);

    await grantCoins(s.db, streamer.user.id, 10);
    const self = await emitAck(host, 'send-gift', {
      streamId: stream.id,
      giftId: gift('heart').id,
      idempotencyKey: key(),
    });
    expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const anon = await connectSocket(s.url);
    await ok(anon, 'join-stream', { streamId: stream.id });
    const anonymous = await emitAck(anon, 'send-gift', {
      streamId: stream.id,
      giftId: gift('heart').id,
      idempotencyKey: key(),
    });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const { stream: other } = await liveRoom();
    const notJoined = await emitAck(socket, 'send-gift', {
      streamId: other.id,
      giftId: gift('heart').id,
      idempotencyKey: key(),
    });
    expect(notJoined).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
    const ended = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: gift('heart').id,
      idempotencyKey: key(),
    });
    expect(ended).toMatchObject({ ok: false, error: { code: 'STREAM_NOT_LIVE' } });
    expect((await balancesOf(s.db, viewer.user.id)).coins).toBe(4);
  });

  it('refuses a user banned from the channel', async () => {
    const { stream, streamer } = await liveRoom();
    const { viewer, socket } = await viewerWithCoins(stream.id, 10);
    const { channelRestrictions } = await import('../db/schema/index.ts');
    await s.db
      .insert(channelRestrictions)
      .values({ streamerId: streamer.user.id, userId: viewer.user.id, kind: 'ban' });
    const res = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: gift('heart').id,
      idempotencyKey: key(),
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'CHAT_BANNED' } });
  });

  it.each([
    ['no key', { count: 1 }],
    ['a short key', { idempotencyKey: 'abc' }],
    ['a zero count', { count: 0, idempotencyKey: 'abcdefgh1' }],
    ['a huge combo', { count: 1000, idempotencyKey: 'abcdefgh2' }],
    ['a fractional count', { count: 1.5, idempotencyKey: 'abcdefgh3' }],
    ['an extra field', { idempotencyKey: 'abcdefgh4', price: 0 }],
  ])('validates the payload: %s', async (_what, extra) => {
    const { stream } = await liveRoom();
    const { socket } = await viewerWithCoins(stream.id, 10);
    const res = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: gift('heart').id,
      ...extra,
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses an unknown gift', async () => {
    const { stream } = await liveRoom();
    const { socket } = await viewerWithCoins(stream.id, 10);
    const res = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: randomUUID(),
      idempotencyKey: key(),
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('leaderboards', () => {
  it('ranks gifters of a stream and of a streamer (all time and this week)', async () => {
    const { streamer, stream } = await liveRoom();
    const a = await viewerWithCoins(stream.id, 1000);
    const b = await viewerWithCoins(stream.id, 1000);
    await ok(a.socket, 'send-gift', {
      streamId: stream.id,
      giftId: gift('coffee').id,
      count: 2,
      idempotencyKey: key(),
    });
    await ok(b.socket, 'send-gift', {
      streamId: stream.id,
      giftId: gift('microphone').id,
      idempotencyKey: key(),
    });
    const byStream = await s.api<TopGifters>('GET', `/api/streams/${stream.id}/top-gifters`);
    expect(byStream.body.items.map((x) => [x.user.id, x.coins])).toEqual([
      [b.viewer.user.id, 99],
      [a.viewer.user.id, 20],
    ]);
    const week = await s.api<TopGifters>('GET', `/api/users/${streamer.user.id}/top-gifters?period=week`);
    expect(week.body.items).toHaveLength(2);
    expect((await s.api('GET', `/api/users/${streamer.user.id}/top-gifters?period=year`)).status).toBe(400);
  });
});
