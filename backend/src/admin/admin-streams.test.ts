import { randomUUID } from 'node:crypto';
import type {
  AdminChatPage,
  AdminGiftPage,
  AdminStream,
  AdminStreamList,
  ApiErrorResponse,
  AuthResponse,
  GiftCatalog,
} from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '../db/schema/index.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { grantCoins } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, nextEvent, ok } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
let moderator: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer({ GIFT_RATE_POINTS: '1000' } as never);
  admin = await s.registerWithRole('admin');
  moderator = await s.registerWithRole('moderator');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const as = <T>(who: AuthResponse, method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: who.accessToken, body });

describe('stream list', () => {
  it('lists live and ended streams, searches title and streamer, pages by cursor', async () => {
    const a = await kit.liveStream('Quokka cooking night');
    const b = await kit.liveStream('Quokka karaoke');
    await as(a.streamer, 'POST', `/api/streams/${a.stream.id}/end`, {});

    const live = await as<AdminStreamList>(admin, 'GET', '/api/admin/streams?status=live&q=quokka');
    expect(live.body.items.map((x) => x.id)).toEqual([b.stream.id]);
    const ended = await as<AdminStreamList>(admin, 'GET', '/api/admin/streams?status=ended&q=QUOKKA');
    expect(ended.body.items).toEqual([
      expect.objectContaining({ id: a.stream.id, status: 'ended', endedReason: 'ended-by-streamer' }),
    ]);
    const byNick = await as<AdminStreamList>(
      admin,
      'GET',
      `/api/admin/streams?q=${b.streamer.user.nickname}`,
    );
    expect(byNick.body.items.map((x) => x.id)).toEqual([b.stream.id]);

    const first = await as<AdminStreamList>(admin, 'GET', '/api/admin/streams?q=quokka&limit=1');
    expect(first.body.items.map((x) => x.id)).toEqual([b.stream.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await as<AdminStreamList>(
      admin,
      'GET',
      `/api/admin/streams?q=quokka&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((x) => x.id)).toEqual([a.stream.id]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('force-end', () => {
  it('ends a live stream with a reason: viewers get stream-ended, the audit log records it', async () => {
    const { stream } = await kit.liveStream();
    const { socket } = await kit.viewerIn(stream.id);
    const ended = nextEvent(socket, 'stream-ended');

    const res = await as<AdminStream>(admin, 'POST', `/api/admin/streams/${stream.id}/end`, {
      reason: 'breaks the rules',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ended', endedReason: 'ended-by-moderator' });
    expect(await ended).toEqual({ streamId: stream.id, reason: 'ended-by-moderator' });
    const [audit] = await kit.audits(stream.id, 'stream.end');
    expect(audit).toMatchObject({
      actorId: admin.user.id,
      targetType: 'stream',
      reason: 'breaks the rules',
      before: { status: 'live' },
      after: { status: 'ended', endedReason: 'ended-by-moderator' },
    });

    const again = await as(admin, 'POST', `/api/admin/streams/${stream.id}/end`, { reason: 'again please' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('STREAM_NOT_LIVE');
    const missing = await as(admin, 'POST', `/api/admin/streams/${randomUUID()}/end`, { reason: 'who' });
    expect(missing.status).toBe(404);
  });

  it('a moderator may force-end too', async () => {
    const { stream } = await kit.liveStream();
    const res = await as<AdminStream>(moderator, 'POST', `/api/admin/streams/${stream.id}/end`, {
      reason: 'spam stream',
    });
    expect(res.status).toBe(200);
    expect((await kit.audits(stream.id, 'stream.end'))[0]?.actorId).toBe(moderator.user.id);
  });
});

describe('a stream’s chat and gifts', () => {
  it('shows every message, deleted ones included with who deleted them, newest first', async () => {
    const { streamer, stream } = await kit.liveStream();
    const viewer = await s.register();
    const rows = await s.db
      .insert(chatMessages)
      .values([
        { streamId: stream.id, authorId: viewer.user.id, text: 'hello' },
        {
          streamId: stream.id,
          authorId: viewer.user.id,
          text: 'rude words',
          deletedAt: new Date(),
          deletedBy: streamer.user.id,
        },
        { streamId: stream.id, authorId: streamer.user.id, text: 'welcome' },
      ])
      .returning({ id: chatMessages.id });

    const page1 = await as<AdminChatPage>(moderator, 'GET', `/api/admin/streams/${stream.id}/chat?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((m) => m.text)).toEqual(['welcome', 'rude words']);
    expect(page1.body.items[1]).toMatchObject({
      id: rows[1]?.id,
      author: { id: viewer.user.id },
      deletedBy: { id: streamer.user.id, nickname: streamer.user.nickname },
      deletedAt: expect.any(String),
    });
    expect(page1.body.items[0]?.deletedBy).toBeNull();
    const page2 = await as<AdminChatPage>(
      moderator,
      'GET',
      `/api/admin/streams/${stream.id}/chat?limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body).toEqual({ items: [expect.objectContaining({ text: 'hello' })], nextCursor: null });
    expect((await as(admin, 'GET', `/api/admin/streams/${randomUUID()}/chat`)).status).toBe(404);
  });

  it('shows the gifts sent in the stream with sender and gift, newest first', async () => {
    const { stream } = await kit.liveStream();
    const { viewer, socket } = await kit.viewerIn(stream.id);
    await grantCoins(s.db, viewer.user.id, 100);
    const catalog = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items;
    const rose = catalog.find((g) => g.slug === 'rose');
    const heart = catalog.find((g) => g.slug === 'heart');
    if (!rose || !heart) throw new Error('catalog');
    for (const [g, count] of [
      [rose, 2],
      [heart, 1],
      [heart, 3],
    ] as const) {
      await ok(socket, 'send-gift', {
        streamId: stream.id,
        giftId: g.id,
        count,
        idempotencyKey: randomUUID(),
      });
    }

    const page1 = await as<AdminGiftPage>(admin, 'GET', `/api/admin/streams/${stream.id}/gifts?limit=2`);
    expect(page1.body.items.map((g) => [g.gift.name, g.count, g.costCoins])).toEqual([
      ['Heart', 3, 3],
      ['Heart', 1, 1],
    ]);
    expect(page1.body.items[0]?.sender).toEqual({ id: viewer.user.id, nickname: viewer.user.nickname });
    const page2 = await as<AdminGiftPage>(
      admin,
      'GET',
      `/api/admin/streams/${stream.id}/gifts?limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.map((g) => [g.gift.name, g.count, g.beans])).toEqual([['Rose', 2, 10]]);
    expect(page2.body.nextCursor).toBeNull();
  });
});
