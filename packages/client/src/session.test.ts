import { AccessTokenResponse, ApiErrorResponse, apiRoutes, SESSION_COOKIE_HEADER } from '@airwave/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionClient, type SessionStorage, storedSession } from './session.ts';
import { authResponse, me, tokenPair } from './testing/fixtures.ts';

type Reply = { status?: number; body?: unknown } | 'offline';
type Request = { method: string; path: string; headers: Record<string, string>; body: unknown };

/** `fetch` as the API answers it: one handler per "METHOD /path"; answers can be held back to race them. */
function fakeApi(routes: Record<string, (req: Request) => Reply | Promise<Reply>>) {
  const log: Request[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const req: Request = {
      method: init.method ?? 'GET',
      path: url,
      headers: init.headers as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    log.push(req);
    const handler = routes[`${req.method} ${req.path}`];
    const reply = handler ? await handler(req) : { status: 404 };
    if (reply === 'offline') throw new TypeError('fetch failed');
    const status = reply.status ?? 200;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  });
  return log;
}
const refused = (code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED') => ({
  status: 401,
  body: ApiErrorResponse.parse({ error: { code, message: code } }),
});
const held = () => {
  let release: (r: Reply) => void = () => {};
  const reply = new Promise<Reply>((r) => {
    release = r;
  });
  return { reply, release };
};

function memoryStorage(): SessionStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: async (k) => data.get(k) ?? null,
    setItem: async (k, v) => {
      data.set(k, v);
    },
    removeItem: async (k) => {
      data.delete(k);
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the session client', () => {
  it('two refreshes at once send one request (a rotated token must never be used twice)', async () => {
    const gate = held();
    const log = fakeApi({ 'POST /api/auth/refresh': () => gate.reply });
    const storage = memoryStorage();
    await storedSession(storage).save({ ...authResponse(1) });
    const client = createSessionClient({ keeper: { storage }, onChange: () => {} });
    await client.restore();
    const both = Promise.all([client.refresh(), client.refresh()]);
    gate.release({ body: tokenPair(2) });
    expect(await both).toEqual(['access-2', 'access-2']);
    expect(log.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(log[0]?.body).toEqual({ refreshToken: 'refresh-1' });
    // The rotated pair is what is kept now.
    expect(await storedSession(storage).load()).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
    });
  });

  it('an expired access token is refreshed once and every waiting call retried with the new one', async () => {
    const log = fakeApi({
      'GET /api/wallet': (r) =>
        r.headers.authorization === 'Bearer access-2' ? { body: { coins: 1 } } : refused('TOKEN_EXPIRED'),
      'POST /api/auth/refresh': () => ({ body: tokenPair(2) }),
    });
    const storage = memoryStorage();
    await storedSession(storage).save(authResponse(1));
    const client = createSessionClient({ keeper: { storage }, onChange: () => {} });
    await client.restore();
    await Promise.all([client.call(apiRoutes.wallet), client.call(apiRoutes.wallet)]);
    expect(log.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(client.token()).toBe('access-2');
  });

  it('a refresh answered after a sign-out does not bring the session back', async () => {
    const gate = held();
    fakeApi({ 'POST /api/auth/refresh': () => gate.reply, 'POST /api/auth/logout': () => ({ status: 204 }) });
    const storage = memoryStorage();
    await storedSession(storage).save(authResponse(1));
    const seen: (string | null)[] = [];
    const client = createSessionClient({
      keeper: { storage },
      onChange: (s) => seen.push(s?.accessToken ?? null),
    });
    await client.restore();
    const late = client.refresh();
    await client.logout();
    gate.release({ body: tokenPair(2) });
    expect(await late).toBeNull();
    expect(client.user()).toBeNull();
    expect(seen).toEqual(['access-1', null]);
    expect(await storedSession(storage).load()).toBeNull();
  });

  it('a refused refresh signs out; a network failure keeps the session for later', async () => {
    let answer: Reply = 'offline';
    fakeApi({ 'POST /api/auth/refresh': () => answer });
    const storage = memoryStorage();
    await storedSession(storage).save(authResponse(1));
    const client = createSessionClient({ keeper: { storage }, onChange: () => {} });
    await client.restore();
    expect(await client.refresh()).toBeNull();
    expect(client.user()?.nickname).toBe('boris');
    answer = refused('UNAUTHENTICATED');
    expect(await client.refresh()).toBeNull();
    expect(client.user()).toBeNull();
  });

  it('in a browser the refresh token is the app cookie: restore refreshes through it, 204 is signed out', async () => {
    let cookie = true;
    const log = fakeApi({
      'POST /api/auth/refresh': () =>
        cookie
          ? {
              body: AccessTokenResponse.parse({
                accessToken: 'access-9',
                accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
              }),
            }
          : { status: 204 },
      'GET /api/auth/me': () => ({ body: me({ role: 'moderator' }) }),
    });
    const client = createSessionClient({ keeper: { app: 'admin' }, onChange: () => {} });
    await client.restore();
    expect(client.user()?.role).toBe('moderator');
    expect(log[0]).toMatchObject({ body: {}, headers: { [SESSION_COOKIE_HEADER]: 'admin' } });
    cookie = false;
    client.forget();
    await client.restore();
    expect(client.user()).toBeNull();
  });
});
