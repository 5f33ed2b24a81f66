import { randomUUID } from 'node:crypto';
import type { ChatMessage, GiftCatalog, Payment, Payout, Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scrape } from '../test/metrics-scrape.ts';
import { POSTGRES_SERVER_URL, postgresAvailable } from '../test/test-database.ts';
import { grantCoins } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({
    MIN_PAYOUT_BEANS: '10',
    VIEWER_COUNT_INTERVAL_MS: '50',
    BEAN_SETTLE_INTERVAL_MS: '50',
  });
});
afterEach(closeAllSockets);
afterAll(() => s.close());

async function eventually(check: () => Promise<void>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The JSON log lines the server wrote, parsed. */
const logLines = () => s.logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('business metrics on /metrics, driven through the real API', () => {
  it('counts streams, viewers, chat, moderation, gifts, coins, beans, payouts and socket refusals', async () => {
    const before = await scrape(s);
    const streamer = await s.register();
    const stream = (
      await s.api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title: 'metrics', category: 'music' },
      })
    ).body;
    expect((await scrape(s)).value('airwave_live_streams', { media_mode: 'p2p' })).toBe(1);

    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    const viewer = await s.register();
    await grantCoins(s.db, viewer.user.id, 100);
    const socket = await connectSocket(s.url, { token: viewer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    await eventually(async () =>
      expect((await scrape(s)).value('airwave_stream_viewers', { media_mode: 'p2p' })).toBe(1),
    );

    const message = (await ok(socket, 'send-message', { streamId: stream.id, text: 'hello' })) as {
      message: ChatMessage;
    };
    await ok(host, 'delete-message', { streamId: stream.id, messageId: message.message.id });
    await ok(host, 'moderate-user', {
      streamId: stream.id,
      userId: viewer.user.id,
      action: 'timeout',
      durationSeconds: 60,
    });
    await ok(host, 'moderate-user', { streamId: stream.id, userId: viewer.user.id, action: 'unban' });

    const heart = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find((g) => g.slug === 'heart');
    if (!heart) throw new Error('no heart gift');
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: heart.id,
      count: 20,
      idempotencyKey: randomUUID(),
    });
    // Refusals are counted by code, whoever answers them (validation, the service).
    const poor = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: heart.id,
      count: 99,
      idempotencyKey: randomUUID(),
    });
    expect(poor).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    expect(await emitAck(socket, 'send-message', { streamId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    const checkout = await s.api<{ payment: Payment }>('POST', '/api/payments/checkout', {
      token: viewer.accessToken,
      body: { packageId: 'coins-100', idempotencyKey: randomUUID() },
    });
    const paid = await s.api<Payment>('POST', '/api/payments/dev/complete', {
      token: viewer.accessToken,
      body: { paymentId: checkout.body.payment.id },
    });
    expect(paid.body.status).toBe('completed');

    const beans = 20 * heart.beansValue;
    const payout = await s.api<Payout>('POST', '/api/payouts', {
      token: streamer.accessToken,
      body: { beans, idempotencyKey: randomUUID() },
    });
    expect(payout.status).toBe(201);
    const admin = await s.registerWithRole('admin');
    const approved = await s.api('POST', `/api/admin/payouts/${payout.body.id}/approve`, {
      token: admin.accessToken,
      body: { reason: 'checked' },
    });
    expect(approved.status).toBe(200);

    const after = await scrape(s);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('airwave_chat_messages_total')).toBe(1);
    expect(delta('airwave_moderation_actions_total', { action: 'delete-message' })).toBe(1);
    expect(delta('airwave_moderation_actions_total', { action: 'timeout' })).toBe(1);
    expect(delta('airwave_moderation_actions_total', { action: 'unban' })).toBe(1);
    expect(delta('airwave_gifts_total')).toBe(20);
    expect(delta('airwave_coins_spent_total')).toBe(20 * heart.costCoins);
    expect(delta('airwave_beans_earned_total')).toBe(beans);
    expect(delta('airwave_payments_total', { provider: 'dev', outcome: 'started' })).toBe(1);
    expect(delta('airwave_payments_total', { provider: 'dev', outcome: 'completed' })).toBe(1);
    expect(delta('airwave_coins_bought_total')).toBe(paid.body.coins);
    expect(delta('airwave_payouts_total', { outcome: 'requested' })).toBe(1);
    expect(delta('airwave_payouts_total', { outcome: 'approved' })).toBe(1);
    expect(delta('airwave_payout_beans_total', { outcome: 'approved' })).toBe(beans);
    expect(delta('airwave_socket_events_refused_total', { code: 'INSUFFICIENT_FUNDS' })).toBe(1);
    expect(delta('airwave_socket_events_refused_total', { code: 'VALIDATION_FAILED' })).toBe(1);
    // Event-loop lag comes with prom-client's default Node metrics.
    expect(after.families.has('nodejs_eventloop_lag_seconds')).toBe(true);

    // Ending the stream takes it out of the live gauges.
    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
    expect((await scrape(s)).value('airwave_live_streams', { media_mode: 'p2p' })).toBe(0);
  });

  it('logs every money movement after commit with its ids, and each socket event with an event id', async () => {
    const streamer = await s.register();
    const stream = (
      await s.api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title: 'logs', category: 'music' },
      })
    ).body;
    const viewer = await s.register();
    await grantCoins(s.db, viewer.user.id, 50);
    const socket = await connectSocket(s.url, { token: viewer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    const heart = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find((g) => g.slug === 'heart');
    if (!heart) throw new Error('no heart gift');
    const sent = (await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: heart.id,
      count: 2,
      idempotencyKey: randomUUID(),
    })) as { gift: { id: string } };

    const giftLine = logLines().find((l) => l.movement === 'gift' && l.giftId === sent.gift.id);
    expect(giftLine).toMatchObject({
      level: 30,
      money: true,
      senderId: viewer.user.id,
      recipientId: streamer.user.id,
      streamId: stream.id,
      coins: 2 * heart.costCoins,
      beans: 2 * heart.beansValue,
      ledgerEntryId: expect.any(Number),
    });
    // The gift's own socket event has a line with an event id, the socket and the user.
    const eventLine = logLines().find((l) => l.event === 'send-gift' && l.userId === viewer.user.id);
    expect(eventLine).toMatchObject({ eventId: expect.any(String), socketId: socket.id });

    const checkout = await s.api<{ payment: Payment }>('POST', '/api/payments/checkout', {
      token: viewer.accessToken,
      body: { packageId: 'coins-100', idempotencyKey: randomUUID() },
    });
    const paymentId = checkout.body.payment.id;
    await s.api('POST', '/api/payments/dev/complete', { token: viewer.accessToken, body: { paymentId } });
    const purchase = logLines().find((l) => l.movement === 'purchase' && l.paymentId === paymentId);
    expect(purchase).toMatchObject({
      level: 30,
      userId: viewer.user.id,
      provider: 'dev',
      coins: checkout.body.payment.coins,
      amountCents: checkout.body.payment.amountCents,
    });
    // A REST request's lines carry its request id, as the response header says.
    const res = await s.api('GET', '/api/wallet', { token: viewer.accessToken });
    const id = res.headers.get('x-request-id');
    expect(logLines().some((l) => (l.req as { id?: string } | undefined)?.id === id)).toBe(true);
  });
});

describe('database pool metrics', () => {
  it('reports the PostgreSQL pool’s total, idle and waiting connections', async () => {
    if (!(await postgresAvailable())) return expect.fail('PostgreSQL is not reachable (required under CI)');
    const previous = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = previous ?? POSTGRES_SERVER_URL;
    const pg = await startTestServer();
    try {
      await pg.register();
      const metrics = await scrape(pg);
      expect(metrics.value('airwave_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(
        metrics.samples.some((x) => x.name === 'airwave_db_pool_connections' && x.labels.state === 'waiting'),
      ).toBe(true);
      expect(
        metrics.samples.some((x) => x.name === 'airwave_db_pool_connections' && x.labels.state === 'idle'),
      ).toBe(true);
    } finally {
      await pg.close();
      if (previous === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = previous;
    }
  });
});
