import { randomUUID } from 'node:crypto';
import type { AuthResponse, GiftCatalog, Stream, Wallet } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { balancesOf, grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';

// Runs on PGlite by default and on the PostgreSQL server in CI (TEST_DATABASE_URL), where the
// gift transactions really run side by side on a connection pool.
let s: TestServer;
let heartId: string;
let catalog: GiftCatalog['items'];
beforeAll(async () => {
  s = await startTestServer({ GIFT_RATE_POINTS: '100000', BEAN_SETTLE_INTERVAL_MS: '20' });
  catalog = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items;
  heartId = catalog.find((g) => g.slug === 'heart')?.id ?? '';
});
afterEach(closeAllSockets);
afterAll(() => s.close());

async function liveStream(): Promise<{ streamer: AuthResponse; stream: Stream }> {
  const streamer = await s.register();
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'rush', category: 'irl' },
    })
  ).body;
  return { streamer, stream };
}

describe('concurrent gifts', () => {
  it('200 parallel 1-coin gifts against a balance of exactly 100: exactly 100 succeed', async () => {
    const { streamer, stream } = await liveStream();
    const viewer = await s.register();
    await grantCoins(s.db, viewer.user.id, 100);
    const socket = await connectSocket(s.url, { token: viewer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        emitAck(socket, 'send-gift', { streamId: stream.id, giftId: heartId, idempotencyKey: randomUUID() }),
      ),
    );
    const succeeded = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok && r.error.code === 'INSUFFICIENT_FUNDS').length;
    expect(succeeded).toBe(100);
    expect(refused).toBe(100);
    expect((await balancesOf(s.db, viewer.user.id)).coins).toBe(0);
    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken });
    expect(wallet.body.beans).toBe(100);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('many viewers gifting one streamer at once: beans equal the rate times the coins spent', async () => {
    const { streamer, stream } = await liveStream();
    const priced = catalog.filter((g) => g.costCoins <= 99);
    const viewers = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const v = await s.register();
        await grantCoins(s.db, v.user.id, 2000);
        const socket = await connectSocket(s.url, { token: v.accessToken });
        await ok(socket, 'join-stream', { streamId: stream.id });
        return socket;
      }),
    );
    const sends = viewers.flatMap((socket, i) =>
      Array.from({ length: 8 }, (_, j) => {
        const g = priced[(i + j) % priced.length];
        if (!g) throw new Error('catalog too small');
        return emitAck(socket, 'send-gift', {
          streamId: stream.id,
          giftId: g.id,
          count: 1 + (j % 3),
          idempotencyKey: randomUUID(),
        });
      }),
    );
    const results = await Promise.all(sends);
    const spent = results.reduce((sum, r) => sum + (r.ok ? r.gift.costCoins : 0), 0);
    expect(results.every((r) => r.ok)).toBe(true);

    const wallet = await s.api<Wallet>('GET', '/api/wallet', { token: streamer.accessToken });
    expect(wallet.body.beans).toBe(spent * 1);
    const after = await s.api<Stream>('GET', `/api/streams/${stream.id}`);
    expect(after.body.giftsCount).toBe(200);
    expect(after.body.beansEarned).toBe(spent);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });
});
