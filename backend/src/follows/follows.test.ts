import {
  type AuthResponse,
  errorDetailsOf,
  type FollowingList,
  type FollowState,
  type Stream,
} from '@airwave/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { follows, streams, users } from '../db/schema/index.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';
import { FOLLOW_CHANGES } from './follows.feature.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const followPath = (id: string) => `/api/users/${id}/follow`;
const follow = (who: AuthResponse, streamerId: string) =>
  s.api<FollowState>('PUT', followPath(streamerId), { token: who.accessToken });
const unfollow = (who: AuthResponse, streamerId: string) =>
  s.api<FollowState>('DELETE', followPath(streamerId), { token: who.accessToken });
const following = async (who: AuthResponse) =>
  (await s.api<FollowingList>('GET', '/api/users/me/following', { token: who.accessToken })).body.channels;

async function goLive(streamer: AuthResponse, title: string): Promise<Stream> {
  const res = await s.api<Stream>('POST', '/api/streams', {
    token: streamer.accessToken,
    body: { title, category: 'music' },
  });
  return res.body;
}

describe('following a channel', () => {
  it('follows and unfollows idempotently, keeping the first follow date, with a public count', async () => {
    const streamer = await s.register();
    const [fan, other] = [await s.register(), await s.register()];
    const first = await follow(fan, streamer.user.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ streamerId: streamer.user.id, followerCount: 1, following: true });
    const again = await follow(fan, streamer.user.id);
    expect(again.body).toEqual(first.body);
    await follow(other, streamer.user.id);

    // Anyone sees the count; only a signed-in caller learns whether they follow.
    const anonymous = await s.api<FollowState>('GET', followPath(streamer.user.id));
    expect(anonymous.body).toEqual({
      streamerId: streamer.user.id,
      followerCount: 2,
      following: null,
      followedAt: null,
    });
    const asStreamer = await s.api<FollowState>('GET', followPath(streamer.user.id), {
      token: streamer.accessToken,
    });
    expect(asStreamer.body).toMatchObject({ followerCount: 2, following: false });

    expect((await unfollow(fan, streamer.user.id)).body).toMatchObject({
      followerCount: 1,
      following: false,
    });
    expect((await unfollow(fan, streamer.user.id)).body).toMatchObject({
      followerCount: 1,
      following: false,
    });
  });

  it('refuses following yourself, unknown or banned channels, bad ids and anonymous callers', async () => {
    const me = await s.register();
    const self = await follow(me, me.user.id);
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ error: { code: 'CONFLICT' } });
    const unknown = await follow(me, '00000000-0000-4000-8000-000000000000');
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const banned = await s.register();
    await s.db.update(users).set({ bannedAt: new Date() }).where(eq(users.id, banned.user.id));
    expect((await follow(me, banned.user.id)).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await s.api('GET', followPath(banned.user.id))).status).toBe(404);
    expect((await s.api('PUT', '/api/users/not-an-id/follow', { token: me.accessToken })).body).toMatchObject(
      {
        error: { code: 'VALIDATION_FAILED' },
      },
    );
    expect((await s.api('PUT', followPath(banned.user.id))).status).toBe(401);
    expect((await s.api('GET', '/api/users/me/following')).status).toBe(401);
  });

  it('limits how fast one user flips follows', async () => {
    const [me, streamer] = [await s.register(), await s.register()];
    for (let i = 0; i < FOLLOW_CHANGES.points; i++) {
      const res = i % 2 ? await unfollow(me, streamer.user.id) : await follow(me, streamer.user.id);
      expect(res.status).toBe(200);
    }
    const limited = await follow(me, streamer.user.id);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another user is not held back by it.
    expect((await follow(await s.register(), streamer.user.id)).status).toBe(200);
  });
});

describe('the following list', () => {
  it('lists only the caller’s own follows, live channels first with their stream', async () => {
    const [quiet, small, big] = [await s.register(), await s.register(), await s.register()];
    const [fan, stranger] = [await s.register(), await s.register()];
    for (const streamer of [quiet, small, big]) await follow(fan, streamer.user.id);
    await follow(stranger, quiet.user.id);
    const smallLive = await goLive(small, 'Small show');
    const bigLive = await goLive(big, 'Big show');
    await s.db.update(streams).set({ viewerCount: 7 }).where(eq(streams.id, bigLive.id));

    const channels = await following(fan);
    expect(channels.map((c) => c.streamer.id)).toEqual([big.user.id, small.user.id, quiet.user.id]);
    expect(channels[0]?.live).toEqual({
      streamId: bigLive.id,
      title: 'Big show',
      viewerCount: 7,
      startedAt: bigLive.startedAt,
    });
    expect(channels[1]?.live?.streamId).toBe(smallLive.id);
    expect(channels[2]).toMatchObject({ streamer: { nickname: quiet.user.nickname }, live: null });

    // The stranger sees their own follow only; the fan's never reach them.
    expect((await following(stranger)).map((c) => c.streamer.id)).toEqual([quiet.user.id]);
    expect(await following(quiet)).toEqual([]);

    // An ended stream leaves the channel offline, among the others by nickname.
    await s.api('POST', `/api/streams/${bigLive.id}/end`, { token: big.accessToken, body: {} });
    const offline = [big, quiet].sort((a, b) => (a.user.nickname < b.user.nickname ? -1 : 1));
    expect((await following(fan)).map((c) => [c.streamer.id, c.live === null])).toEqual([
      [small.user.id, false],
      ...offline.map((o) => [o.user.id, true]),
    ]);
  });
});

describe('followers-only chat', () => {
  async function room() {
    const streamer = await s.register();
    const stream = await goLive(streamer, 'Followers only');
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    return { streamer, stream, host };
  }
  async function viewer(streamId: string) {
    const account = await s.register();
    const socket = await connectSocket(s.url, { token: account.accessToken });
    await ok(socket, 'join-stream', { streamId });
    return { account, socket };
  }
  const send = (socket: Awaited<ReturnType<typeof viewer>>['socket'], streamId: string, text: string) =>
    emitAck(socket, 'send-message', { streamId, text });

  it('lets only followers write, with the streamer exempt, and announces the rule to joiners', async () => {
    const { streamer, stream, host } = await room();
    const fan = await viewer(stream.id);
    const other = await viewer(stream.id);
    await follow(fan.account, streamer.user.id);
    const saved = await ok(host, 'update-chat-settings', { streamId: stream.id, followersOnly: true });
    expect(saved.settings).toMatchObject({ followersOnly: true, minFollowAgeMinutes: 0 });

    const refused = await send(other.socket, stream.id, 'hi');
    if (refused.ok) throw new Error('a non-follower wrote');
    expect(refused.error.code).toBe('FOLLOWERS_ONLY');
    expect(errorDetailsOf(refused.error, 'FOLLOWERS_ONLY')).toEqual({ minFollowAgeMinutes: 0 });
    await ok(fan.socket, 'send-message', { streamId: stream.id, text: 'hi' });
    await ok(host, 'send-message', { streamId: stream.id, text: 'welcome' });

    const late = await connectSocket(s.url);
    expect((await ok(late, 'join-stream', { streamId: stream.id })).chatSettings.followersOnly).toBe(true);

    // Unfollowing closes the chat again; turning the mode off opens it to everyone.
    await unfollow(fan.account, streamer.user.id);
    expect((await send(fan.socket, stream.id, 'still here?')).ok).toBe(false);
    await ok(host, 'update-chat-settings', { streamId: stream.id, followersOnly: false });
    await ok(other.socket, 'send-message', { streamId: stream.id, text: 'open again' });
  });

  it('asks for the minimum follow age and says when a new follower may write', async () => {
    const { streamer, stream, host } = await room();
    const fresh = await viewer(stream.id);
    const old = await viewer(stream.id);
    await follow(fresh.account, streamer.user.id);
    await follow(old.account, streamer.user.id);
    await s.db
      .update(follows)
      .set({ createdAt: new Date(Date.now() - 11 * 60_000) })
      .where(and(eq(follows.followerId, old.account.user.id), eq(follows.streamerId, streamer.user.id)));
    await ok(host, 'update-chat-settings', {
      streamId: stream.id,
      followersOnly: true,
      minFollowAgeMinutes: 10,
    });

    const refused = await send(fresh.socket, stream.id, 'too soon');
    if (refused.ok) throw new Error('a new follower wrote');
    const details = errorDetailsOf(refused.error, 'FOLLOWERS_ONLY');
    expect(details?.minFollowAgeMinutes).toBe(10);
    const waitMs = Date.parse(details?.writableAt ?? '') - Date.now();
    expect(waitMs).toBeGreaterThan(9 * 60_000);
    expect(waitMs).toBeLessThanOrEqual(10 * 60_000);
    await ok(old.socket, 'send-message', { streamId: stream.id, text: 'been here a while' });

    // Following again does not restart the clock, and the contract bounds the age.
    await follow(old.account, streamer.user.id);
    await ok(old.socket, 'send-message', { streamId: stream.id, text: 'still fine' });
    const tooLong = await emitAck(host, 'update-chat-settings', {
      streamId: stream.id,
      minFollowAgeMinutes: 200_000,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Only the channel's moderators set it.
    const meddler = await emitAck(fresh.socket, 'update-chat-settings', {
      streamId: stream.id,
      followersOnly: false,
    });
    expect(meddler).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
