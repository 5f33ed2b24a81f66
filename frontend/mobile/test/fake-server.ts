import { authResponse as fixtureAuth, me as fixtureMe, liveStream } from '@airwave/client/testing';
import type { AuthResponse, Me, Stream } from '@airwave/shared';
import { setSocketFactory } from '../src/lib/socket.tsx';

type Handler = (
  body: unknown,
  headers: Record<string, string>,
) => { status?: number; body?: unknown } | undefined;

/** A scripted REST server behind global.fetch: `routes['GET /api/streams']` answers that call. */
export function fakeFetch(routes: Record<string, Handler>) {
  const log: { method: string; path: string; headers: Record<string, string>; body: unknown }[] = [];
  global.fetch = jest.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = String(url).replace(/^https?:\/\/[^/]+/, '');
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    log.push({ method, path, headers, body });
    const key = Object.keys(routes).find((k) => {
      const [m, p] = k.split(' ');
      return m === method && (p === path || (p?.endsWith('*') && path.startsWith(p.slice(0, -1))));
    });
    const res = key
      ? routes[key]?.(body, headers)
      : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } };
    if (!res) throw new TypeError('Network request failed');
    const status = res.status ?? 200;
    return {
      ok: status < 400,
      status,
      statusText: String(status),
      headers: new Headers({ 'content-type': 'application/json; charset=utf-8' }),
      text: async () => (res.body === undefined ? '' : JSON.stringify(res.body)),
    } as Response;
  }) as unknown as typeof fetch;
  return log;
}

type Listener = (...args: unknown[]) => void;

/** An in-memory Socket.IO client: scripted acks per event, and `serverEmit` to push events. */
export class FakeSocket {
  connected = false;
  recovered = false;
  emitted: { event: string; payload: unknown }[] = [];
  acks: Record<string, (payload: unknown) => unknown> = {};
  private listeners = new Map<string, Set<Listener>>();
  on(event: string, cb: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(cb);
    return this;
  }
  off(event: string, cb: Listener) {
    this.listeners.get(event)?.delete(cb);
    return this;
  }
  serverEmit(event: string, ...args: unknown[]) {
    for (const cb of [...(this.listeners.get(event) ?? [])]) cb(...args);
  }
  connect() {
    this.connected = true;
    this.serverEmit('connect');
    return this;
  }
  disconnect() {
    this.connected = false;
    this.serverEmit('disconnect', 'io client disconnect');
    return this;
  }
  timeout() {
    return this;
  }
  emit(event: string, payload: unknown, cb?: (err: Error | null, r: unknown) => void) {
    this.emitted.push({ event, payload });
    const answer = this.acks[event]?.(payload) ?? { ok: true };
    if (cb) setTimeout(() => cb(null, answer), 0);
    return this;
  }
}

export function installSocket(): FakeSocket {
  const socket = new FakeSocket();
  setSocketFactory(() => {
    setTimeout(() => socket.connect(), 0);
    return socket as never;
  });
  return socket;
}

// The contract-checked fixtures of @airwave/client, with the names these screens' tests look for.
export const me = (over: Partial<Me> = {}): Me =>
  fixtureMe({
    id: '11111111-1111-4111-8111-111111111111',
    nickname: 'viewer1',
    email: 'viewer1@example.test',
    ...over,
  });

export const authResponse = (over: Partial<Me> = {}): AuthResponse => fixtureAuth(1, me(over));

export const stream = (over: Partial<Stream> = {}): Stream =>
  liveStream({
    id: '22222222-2222-4222-8222-222222222222',
    streamer: { id: '33333333-3333-4333-8333-333333333333', nickname: 'host1', avatarUrl: null },
    title: 'Morning music',
    category: 'music',
    startedAt: new Date().toISOString(),
    ...over,
  });

export const joinResult = (s: Stream) => ({
  ok: true,
  stream: s,
  messages: [
    {
      id: 1,
      streamId: s.id,
      author: { id: s.streamer.id, nickname: 'host1', badge: 'streamer' },
      text: 'welcome all',
      createdAt: new Date().toISOString(),
    },
  ],
  viewerCount: 4,
  chatSettings: {
    slowModeSeconds: 0,
    registeredOnly: false,
    minAccountAgeMinutes: 1440,
    followersOnly: false,
    minFollowAgeMinutes: 0,
    bannedWords: [],
    bannedWordsAction: 'block',
  },
  you: { isStreamer: false, canModerate: false, restriction: null },
});
