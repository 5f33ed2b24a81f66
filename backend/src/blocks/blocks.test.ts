import { randomUUID } from 'node:crypto';
import type { ApiErrorResponse, BlockList, GiftCatalog, Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { balancesOf, grantCoins } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';

let s: TestServer;
let roseId: string;
beforeAll(async () => {
  s = await startTestServer({ GIFT_RATE_POINTS: '1000' });
  const catalog = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items;
  roseId = catalog.find((g) => g.slug === 'rose')?.id ?? '';
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const put = (token: string, id: string) => s.api<BlockList>('PUT', `/api/blocks/${id}`, { token });
const del = (token: string, id: string) => s.api<BlockList>('DELETE', `/api/blocks/${id}`, { token });
const list = async (token: string) => (await s.api<BlockList>('GET', '/api/blocks', { token })).body;

describe('blocking a user', () => {
  it('blocks, lists and unblocks, and doing either twice changes nothing', async () => {
    const me = await s.register();
    const other = await s.register();

    const first = await put(me.accessToken, other.user.id);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        user: { id: other.user.id, nickname: other.user.nickname, avatarUrl: null },
        blockedAt: expect.any(String),
      },
    ]);
    const again = await put(me.accessToken, other.user.id);
    expect(again.status).toBe(200);
    // Still one row, blocked at the first time.
    expect(again.body).toEqual(first.body);
    expect(await list(me.accessToken)).toEqual(first.body);

    expect((await del(me.accessToken, other.user.id)).body.items).toEqual([]);
    const twice = await del(me.accessToken, other.user.id);
    expect(twice.status).toBe(200);
    expect(twice.body.items).toEqual([]);
  });

  it('refuses blocking yourself, an unknown user, a bad id and an anonymous caller', async () => {
    const me = await s.register();
    const self = await s.api<ApiErrorResponse>('PUT', `/api/blocks/${me.user.id}`, { token: me.accessToken });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('FORBIDDEN');
    const unknown = await s.api<ApiErrorResponse>('PUT', `/api/blocks/${randomUUID()}`, {
      token: me.accessToken,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const bad = await s.api<ApiErrorResponse>('PUT', '/api/blocks/not-an-id', { token: me.accessToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const anonymous = await s.api<ApiErrorResponse>('GET', '/api/blocks');
    expect(anonymous.status).toBe(401);
    expect(await list(me.accessToken)).toEqual({ items: [] });
  });

  it("keeps each user's blocks to themself: neither the blocked user nor anyone else sees them", async () => {
    const blocker = await s.register();
    const blocked = await s.register();
    const bystander = await s.register();
    await put(blocker.accessToken, blocked.user.id);

    expect(await list(blocked.accessToken)).toEqual({ items: [] });
    expect(await list(bystander.accessToken)).toEqual({ items: [] });
    // Unblocking someone else's block is only ever about one's own list.
    await del(bystander.accessToken, blocked.user.id);
    expect((await list(blocker.accessToken)).items.map((b) => b.user.id)).toEqual([blocked.user.id]);
  });

  it('rate limits changes to the list', async () => {
    const me = await s.register();
    const other = await s.register();
    const answers: number[] = [];
    for (let i = 0; i < 31; i++) answers.push((await put(me.accessToken, other.user.id)).status);
    expect(answers.slice(0, 30).every((st) => st === 200)).toBe(true);
    expect(answers[30]).toBe(429);
  });
});

describe('what a block does to the blocked user', () => {
  async function liveStreamOf(token: string): Promise<Stream> {
    return (
      await s.api<Stream>('POST', '/api/streams', {
        token,
        body: { title: 'no harassers', category: 'music' },
      })
    ).body;
  }

  it("refuses their gifts to the blocker's stream with the generic refusal, and moves no coins", async () => {
    const streamer = await s.register();
    const blocked = await s.register();
    const stream = await liveStreamOf(streamer.accessToken);
    await grantCoins(s.db, blocked.user.id, 100);
    await put(streamer.accessToken, blocked.user.id);

    const socket = await connectSocket(s.url, { token: blocked.accessToken });
    // They can still watch and chat: the room treats them like anyone, so nothing tells them.
    const joined = await ok(socket, 'join-stream', { streamId: stream.id });
    expect(joined.stream.id).toBe(stream.id);
    await ok(socket, 'send-message', { streamId: stream.id, text: 'still here' });

    const refused = await emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: roseId,
      count: 1,
      idempotencyKey: randomUUID(),
    });
    // Word for word what any permission check answers (a non-admin at an admin route).
    const generic = await s.api<ApiErrorResponse>('GET', '/api/admin/dashboard', {
      token: blocked.accessToken,
    });
    expect(generic.status).toBe(403);
    expect(refused).toEqual({ ok: false, error: generic.body.error });
    expect(JSON.stringify(refused)).not.toMatch(/block/i);
    expect((await balancesOf(s.db, blocked.user.id)).coins).toBe(100);

    await del(streamer.accessToken, blocked.user.id);
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: roseId,
      count: 1,
      idempotencyKey: randomUUID(),
    });
  });

  it('leaves their gifts to other streams alone', async () => {
    const streamer = await s.register();
    const other = await s.register();
    const viewer = await s.register();
    const stream = await liveStreamOf(other.accessToken);
    await grantCoins(s.db, viewer.user.id, 10);
    await put(streamer.accessToken, viewer.user.id);
    const socket = await connectSocket(s.url, { token: viewer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: roseId,
      count: 1,
      idempotencyKey: randomUUID(),
    });
  });
});
