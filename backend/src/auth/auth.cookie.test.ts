import type { AccessTokenResponse, AuthResponse, CookieAuthResponse, TokenPair } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

const ORIGIN = 'https://app.example.test';
const WEB = { 'x-airwave-session': 'web', origin: ORIGIN };

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ CORS_ORIGINS: ORIGIN });
});
afterAll(() => s.close());

/** The refresh cookie a response set, as `name=value`, and its attributes. */
function setCookie(headers: Headers, name: string) {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
  return { pair, value: pair.slice(name.length + 1), attrs: attrs.map((a) => a.toLowerCase()) };
}

async function browserLogin(headers: Record<string, string> = WEB) {
  const account = await s.register();
  const res = await s.api<CookieAuthResponse>('POST', '/api/auth/login', {
    headers,
    body: { email: account.user.email, password: account.password },
  });
  return { account, res };
}

describe('refresh token in an HttpOnly cookie for the browser apps', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict cookie scoped to /api/auth and keeps the token out of the body', async () => {
    const { res } = await browserLogin();
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(res.body).not.toHaveProperty('refreshTokenExpiresAt');
    const cookie = setCookie(res.headers, 'airwave_refresh_web');
    expect(cookie?.value).toMatch(/.{20,}/);
    expect(cookie?.attrs).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/auth']),
    );

    const registered = await s.api<CookieAuthResponse>('POST', '/api/auth/register', {
      headers: WEB,
      body: { email: 'cookie.reg@example.test', password: 'correct horse cookie', nickname: 'cookie_reg' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).not.toHaveProperty('refreshToken');
    expect(setCookie(registered.headers, 'airwave_refresh_web')).toBeDefined();
  });

  it('rotates the cookie on refresh, and a reused cookie ends the family and is cleared', async () => {
    const { res } = await browserLogin();
    const first = setCookie(res.headers, 'airwave_refresh_web');
    const refreshed = await s.api<AccessTokenResponse>('POST', '/api/auth/refresh', {
      headers: { ...WEB, cookie: first?.pair ?? '' },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    const second = setCookie(refreshed.headers, 'airwave_refresh_web');
    expect(second?.value).not.toBe(first?.value);
    expect((await s.api('GET', '/api/auth/me', { token: refreshed.body.accessToken })).status).toBe(200);

    const reuse = await s.api('POST', '/api/auth/refresh', {
      headers: { ...WEB, cookie: first?.pair ?? '' },
    });
    expect(reuse.status).toBe(401);
    const cleared = setCookie(reuse.headers, 'airwave_refresh_web');
    expect(cleared?.value).toBe('');
    expect(cleared?.attrs).toEqual(
      expect.arrayContaining(['path=/api/auth', 'expires=thu, 01 jan 1970 00:00:00 gmt']),
    );
    const latest = await s.api('POST', '/api/auth/refresh', {
      headers: { ...WEB, cookie: second?.pair ?? '' },
    });
    expect(latest.status).toBe(401);
  });

  it('refuses cross-site use of the cookie: no app header, a foreign Origin, or no Origin', async () => {
    const { res } = await browserLogin();
    const cookie = setCookie(res.headers, 'airwave_refresh_web')?.pair ?? '';
    // Without the header the cookie is never read: this is a body-token refresh with no token.
    const noHeader = await s.api('POST', '/api/auth/refresh', {
      headers: { origin: ORIGIN, cookie },
      body: {},
    });
    expect(noHeader.status).toBe(400);
    const foreign = await s.api('POST', '/api/auth/refresh', {
      headers: { ...WEB, origin: 'https://evil.example.test', cookie },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const noOrigin = await s.api('POST', '/api/auth/refresh', {
      headers: { 'x-airwave-session': 'web', cookie },
    });
    expect(noOrigin.status).toBe(403);
    const badApp = await s.api('POST', '/api/auth/refresh', {
      headers: { ...WEB, 'x-airwave-session': 'other', cookie },
    });
    expect(badApp.status).toBe(400);
    // The server's own origin is always allowed (the pages are served from it).
    const own = await s.api('POST', '/api/auth/refresh', { headers: { ...WEB, origin: s.url, cookie } });
    expect(own.status).toBe(200);
    const rotated = setCookie(own.headers, 'airwave_refresh_web')?.pair ?? '';
    // None of the refused requests used up the cookie.
    expect((await s.api('POST', '/api/auth/refresh', { headers: { ...WEB, cookie: rotated } })).status).toBe(
      200,
    );
  });

  it('answers a refresh without a cookie with 204: a signed-out visitor, not an error', async () => {
    const res = await s.api('POST', '/api/auth/refresh', { headers: WEB });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('keeps the web app and the admin panel in separate cookies', async () => {
    const { res } = await browserLogin({ ...WEB, 'x-airwave-session': 'admin' });
    expect(setCookie(res.headers, 'airwave_refresh_admin')).toBeDefined();
    expect(setCookie(res.headers, 'airwave_refresh_web')).toBeUndefined();
  });

  it('logout revokes the session and clears the cookie', async () => {
    const { res } = await browserLogin();
    const cookie = setCookie(res.headers, 'airwave_refresh_web')?.pair ?? '';
    const out = await s.api('POST', '/api/auth/logout', {
      headers: WEB,
      token: res.body.accessToken,
      body: {},
    });
    expect(out.status).toBe(204);
    expect(setCookie(out.headers, 'airwave_refresh_web')?.value).toBe('');
    expect((await s.api('POST', '/api/auth/refresh', { headers: { ...WEB, cookie } })).status).toBe(401);
  });

  it('still gives other clients (the phone app) their refresh token in the body', async () => {
    const account = await s.register();
    const res = await s.api<AuthResponse>('POST', '/api/auth/login', {
      body: { email: account.user.email, password: account.password },
    });
    expect(res.headers.getSetCookie()).toEqual([]);
    const refreshed = await s.api<TokenPair>('POST', '/api/auth/refresh', {
      body: { refreshToken: res.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
  });
});
