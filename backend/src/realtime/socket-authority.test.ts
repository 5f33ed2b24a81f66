import { keepSocketAuthorized } from '@airwave/client';
import type { AuthResponse, Stream } from '@airwave/shared';
import { decodeJwt, SignJWT } from 'jose';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';

const GRACE_SECONDS = 4;
let s: TestServer;
let admin: AuthResponse;
beforeAll(async () => {
  // A grace long enough for the checks below on a loaded CI machine, short enough to wait out.
  s = await startTestServer({ SOCKET_AUTH_GRACE_SECONDS: String(GRACE_SECONDS) });
  admin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const code = async (p: Promise<unknown>) => ((await p) as { error?: { code: string } }).error?.code;

async function liveStream() {
  const streamer = await s.register();
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'Authority', category: 'just-chatting' },
    })
  ).body;
  return { streamer, stream };
}

async function setRole(userId: string, role: 'user' | 'moderator' | 'admin') {
  const res = await s.api('PATCH', `/api/admin/users/${userId}/role`, {
    token: admin.accessToken,
    body: { role, reason: 'test' },
  });
  expect(res.status).toBe(200);
}

/** An access token for `account`'s real session that expires in `seconds`. */
async function shortLived(account: AuthResponse, seconds: number) {
  const { sid, sub } = decodeJwt(account.accessToken);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid, role: account.user.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(sub))
    .setIssuer('airwave')
    .setAudience('airwave-api')
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

describe('a role change reaches open sockets', () => {
  it('a demoted moderator loses ban, delete and slow mode on the socket they already had open', async () => {
    const { streamer, stream } = await liveStream();
    const mod = await s.register();
    await setRole(mod.user.id, 'moderator');
    const victim = await s.register();
    const victimSocket = await connectSocket(s.url, { token: victim.accessToken });
    await ok(victimSocket, 'join-stream', { streamId: stream.id });
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    const { message } = await ok(victimSocket, 'send-message', { streamId: stream.id, text: 'hi' });

    // Connected while still a moderator (the token was issued when they were a user: the role comes from the database).
    const socket = await connectSocket(s.url, { token: mod.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    expect((await ok(socket, 'whoami', {})).user?.role).toBe('moderator');

    const updated = nextEvent(socket, 'session-updated');
    await setRole(mod.user.id, 'user');
    expect((await updated).user).toEqual({ id: mod.user.id, role: 'user', nickname: mod.user.nickname });
    expect((await ok(socket, 'whoami', {})).user?.role).toBe('user');

    const target = { streamId: stream.id, userId: victim.user.id };
    expect(await code(emitAck(socket, 'moderate-user', { ...target, action: 'ban' }))).toBe('FORBIDDEN');
    expect(
      await code(emitAck(socket, 'delete-message', { streamId: stream.id, messageId: message.id })),
    ).toBe('FORBIDDEN');
    expect(
      await code(emitAck(socket, 'update-chat-settings', { streamId: stream.id, slowModeSeconds: 30 })),
    ).toBe('FORBIDDEN');
  });

  it('a demoted admin loses set-moderator on an open socket', async () => {
    const { stream } = await liveStream();
    const other = await s.registerWithRole('admin');
    const helper = await s.register();
    const socket = await connectSocket(s.url, { token: other.accessToken });
    const payload = { streamId: stream.id, userId: helper.user.id, enabled: true };
    await ok(socket, 'set-moderator', payload);
    const updated = nextEvent(socket, 'session-updated');
    await setRole(other.user.id, 'user');
    await updated;
    expect(await code(emitAck(socket, 'set-moderator', { ...payload, enabled: false }))).toBe('FORBIDDEN');
  });

  it('going live makes the open socket a streamer at once', async () => {
    const user = await s.register();
    const socket = await connectSocket(s.url, { token: user.accessToken });
    const updated = nextEvent(socket, 'session-updated');
    await s.api('POST', '/api/streams', {
      token: user.accessToken,
      body: { title: 'First time', category: 'just-chatting' },
    });
    expect((await updated).user.role).toBe('streamer');
    expect((await ok(socket, 'whoami', {})).user?.role).toBe('streamer');
  });

  it('a new nickname is the one the open socket chats under', async () => {
    const { streamer, stream } = await liveStream();
    const socket = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    const updated = nextEvent(socket, 'session-updated');
    const nickname = `renamed_${streamer.user.nickname.slice(-8)}`;
    await s.api('PATCH', '/api/users/me', { token: streamer.accessToken, body: { nickname } });
    expect((await updated).user.nickname).toBe(nickname);
    const { message } = await ok(socket, 'send-message', { streamId: stream.id, text: 'new name' });
    expect(message.author.nickname).toBe(nickname);
  });
});

describe('a socket does not outlive its access token', () => {
  it('answers TOKEN_EXPIRED once the token expired, and refresh-auth restores it without reconnecting', async () => {
    const user = await s.register();
    const issuedAt = Date.now();
    const socket = await connectSocket(s.url, { token: await shortLived(user, 2) });
    await ok(socket, 'whoami', {});
    await new Promise((r) => setTimeout(r, 2100));
    expect(await code(emitAck(socket, 'whoami', {}))).toBe('TOKEN_EXPIRED');
    expect(await code(emitAck(socket, 'join-stream', { streamId: user.user.id }))).toBe('TOKEN_EXPIRED');

    const refreshed = await ok(socket, 'refresh-auth', { token: user.accessToken });
    expect(refreshed.user.id).toBe(user.user.id);
    expect(Date.parse(refreshed.authExpiresAt)).toBeGreaterThan(Date.now() + 60_000);
    expect((await ok(socket, 'whoami', {})).user?.id).toBe(user.user.id);
    // Past the old token's grace the socket is still there: the refreshed token carries it.
    await new Promise((r) =>
      setTimeout(r, Math.max(0, issuedAt + (2 + GRACE_SECONDS) * 1000 + 300 - Date.now())),
    );
    expect(socket.connected).toBe(true);
  });

  it('closes a socket whose token expired and was not refreshed within the grace', async () => {
    const user = await s.register();
    const socket = await connectSocket(s.url, { token: await shortLived(user, 1) });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await closed).toBe('io server disconnect');
  });

  it('the shared client hands the socket a refreshed token before the old one expires', async () => {
    const user = await s.register();
    let current = await shortLived(user, 3);
    const socket = await connectSocket(s.url, { token: current });
    let refreshes = 0;
    const stop = keepSocketAuthorized(
      socket,
      {
        token: () => current,
        refresh: async () => {
          refreshes += 1;
          current = user.accessToken;
          return current;
        },
      },
      2000,
    );
    // It schedules on connect (as the apps attach it before connecting); this socket was already connected.
    socket.disconnect().connect();
    await new Promise((r) => setTimeout(r, 3300));
    expect(refreshes).toBe(1);
    expect((await ok(socket, 'whoami', {})).user?.id).toBe(user.user.id);
    stop();
  });

  it('refresh-auth refuses another account’s token and an anonymous socket', async () => {
    const user = await s.register();
    const other = await s.register();
    const socket = await connectSocket(s.url, { token: user.accessToken });
    expect(await code(emitAck(socket, 'refresh-auth', { token: other.accessToken }))).toBe('FORBIDDEN');
    expect((await ok(socket, 'whoami', {})).user?.id).toBe(user.user.id);
    const anonymous = await connectSocket(s.url);
    expect(await code(emitAck(anonymous, 'refresh-auth', { token: user.accessToken }))).toBe('FORBIDDEN');
    expect(await code(emitAck(socket, 'refresh-auth', { token: 'not-a-token' }))).toBe('UNAUTHENTICATED');
  });
});

describe('Authorization header on the handshake', () => {
  function connectWithHeader(authorization: string): Promise<TestSocket> {
    const socket: TestSocket = io(s.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { authorization },
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
  }

  it('signs the socket in with a Bearer header, like REST', async () => {
    const user = await s.register();
    const socket = await connectWithHeader(`Bearer ${user.accessToken}`);
    try {
      expect((await ok(socket, 'whoami', {})).user?.id).toBe(user.user.id);
    } finally {
      socket.close();
    }
  });

  it('refuses a malformed Authorization header instead of going anonymous', async () => {
    const err = await connectWithHeader('Token abc').then(
      () => {
        throw new Error('accepted');
      },
      (e: Error & { data?: { code: string } }) => e,
    );
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });
});
