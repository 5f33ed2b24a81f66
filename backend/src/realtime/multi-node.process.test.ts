import { randomBytes } from 'node:crypto';
import type { AuthResponse, Stream } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, TEST_REDIS_URL } from '../test/redis-available.ts';
import { startServer } from '../test/server-process.ts';
import { createScratchDatabase, postgresAvailable } from '../test/test-database.ts';
import { closeAllSockets, connectSocket, nextEvent, ok } from '../test/test-socket.ts';

const ready = (await redisAvailable()) && (await postgresAvailable());
type Node = Awaited<ReturnType<typeof startServer>>;

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const register = (node: Node, name: string) =>
  post<AuthResponse>(`${node.url}/api/auth/register`, {
    email: `${name}@example.test`,
    password: 'a long enough passphrase',
    nickname: name,
  });

const meStatus = async (node: Node, token: string) =>
  (await fetch(`${node.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

/**
 * Whether the token is refused on the node within `ms`. Each node keeps a principal for
 * PRINCIPAL_CACHE_TTL_MS (10 s), so a refusal this soon on the other node can only come from the push.
 */
async function refusedWithin(node: Node, token: string, ms: number) {
  const deadline = performance.now() + ms;
  do {
    if ((await meStatus(node, token)) === 401) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  } while (performance.now() < deadline);
  return false;
}

describe.runIf(ready)('two nodes sharing PostgreSQL and Redis', { timeout: 60_000 }, () => {
  let a: Node;
  let b: Node;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await createScratchDatabase();
    dropDatabase = database.drop;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `airwave-nodes-${randomBytes(4).toString('hex')}:`,
      JWT_SECRET: 'a-shared-secret-for-both-nodes-0123456789',
      DEMO_DATA: 'false',
      VIEWER_COUNT_INTERVAL_MS: '100',
      ADMIN_EMAIL: 'node-admin@example.test',
      ADMIN_PASSWORD: 'a long admin passphrase for nodes',
    };
    a = await startServer(env);
    b = await startServer(env); // after A, so the migrations run once
  });
  afterAll(async () => {
    await closeAllSockets();
    await Promise.all([a?.stop(), b?.stop()]);
    await dropDatabase?.();
  });

  it('a viewer on node B gets chat and signaling from a streamer on node A; counts agree', async () => {
    const streamer = await register(a, 'node_streamer');
    const viewer = await register(b, 'node_viewer');
    const stream = await post<Stream>(
      `${a.url}/api/streams`,
      { title: 'Across nodes', category: 'music' },
      streamer.accessToken,
    );

    const host = await connectSocket(a.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    const watcher = await connectSocket(b.url, { token: viewer.accessToken });
    await ok(watcher, 'join-stream', { streamId: stream.id });
    const anonOnA = await connectSocket(a.url);

    // Two viewers, one per node: both nodes count both (a join's own answer may lag one interval).
    const seenOnA = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 2);
    const seenOnB = nextEvent(watcher, 'viewer-count', (p) => p.viewerCount === 2);
    await ok(anonOnA, 'join-stream', { streamId: stream.id });
    await Promise.all([seenOnA, seenOnB]);

    const chat = nextEvent(watcher, 'receive-message', (m) => m.author.id === streamer.user.id);
    const { message } = await ok(host, 'send-message', { streamId: stream.id, text: 'hello from node A' });
    expect(await chat).toEqual(message);

    const reply = nextEvent(host, 'receive-message', (m) => m.author.id === viewer.user.id);
    await ok(watcher, 'send-message', { streamId: stream.id, text: 'hi from node B' });
    expect((await reply).author.nickname).toBe('node_viewer');

    const asked = nextEvent(host, 'rtc-viewer-joined');
    const { peerId } = await ok(watcher, 'rtc-request', { streamId: stream.id });
    expect(await asked).toEqual({ streamId: stream.id, peerId });
    const offer = nextEvent(watcher, 'rtc-signal');
    const signal = { description: { type: 'offer' as const, sdp: 'v=0 offer across nodes' } };
    await ok(host, 'rtc-signal', { streamId: stream.id, peerId, signal });
    expect(await offer).toEqual({ streamId: stream.id, peerId: 'streamer', signal });
    const answer = nextEvent(host, 'rtc-signal');
    const back = { description: { type: 'answer' as const, sdp: 'v=0 answer across nodes' } };
    await ok(watcher, 'rtc-signal', { streamId: stream.id, peerId: 'streamer', signal: back });
    expect(await answer).toEqual({ streamId: stream.id, peerId, signal: back });

    // A viewer leaving on node B is seen on node A.
    const left = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 1);
    watcher.disconnect();
    await left;
  });

  it('a logout on node A and a ban through node B refuse the cached token on both nodes within a second', async () => {
    const viewer = await register(a, 'node_leaver');
    const rogue = await register(b, 'node_rogue');
    for (const token of [viewer.accessToken, rogue.accessToken]) {
      // Twice on each node, so each has the principal cached.
      for (const node of [a, b, a, b]) expect(await meStatus(node, token)).toBe(200);
    }

    const logout = await fetch(`${a.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.accessToken}` },
      body: '{}',
    });
    expect(logout.status).toBe(204);
    const afterLogout = await Promise.all(
      [a, b].map((node) => refusedWithin(node, viewer.accessToken, 1000)),
    );
    expect(afterLogout).toEqual([true, true]);

    const adminLogin = await post<AuthResponse>(`${b.url}/api/auth/login`, {
      email: 'node-admin@example.test',
      password: 'a long admin passphrase for nodes',
    });
    const ban = await fetch(`${b.url}/api/admin/users/${rogue.user.id}/ban`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminLogin.accessToken}` },
      body: JSON.stringify({ reason: 'cross-node cache test' }),
    });
    expect(ban.status).toBe(204);
    const afterBan = await Promise.all([a, b].map((node) => refusedWithin(node, rogue.accessToken, 1000)));
    expect(afterBan).toEqual([true, true]);
  });

  it('a role changed through node A reaches the socket the user holds on node B', async () => {
    const adminLogin = await post<AuthResponse>(`${a.url}/api/auth/login`, {
      email: 'node-admin@example.test',
      password: 'a long admin passphrase for nodes',
    });
    const mod = await register(b, 'node_moderator');
    const setRole = async (role: 'user' | 'moderator') => {
      const res = await fetch(`${a.url}/api/admin/users/${mod.user.id}/role`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminLogin.accessToken}` },
        body: JSON.stringify({ role, reason: 'cross-node test' }),
      });
      expect(res.status).toBe(200);
    };
    await setRole('moderator');
    const socket = await connectSocket(b.url, { token: mod.accessToken });
    expect((await ok(socket, 'whoami', {})).user?.role).toBe('moderator');

    const updated = nextEvent(socket, 'session-updated');
    await setRole('user');
    expect((await updated).user.role).toBe('user');
    expect((await ok(socket, 'whoami', {})).user?.role).toBe('user');
  });
});
