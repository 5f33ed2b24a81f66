import type { AuthResponse, Me, TokenPair } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('auth life cycle', () => {
  it('registers, signs in and reads /me with the access token', async () => {
    const account = await s.register({ email: 'Mixed.Case@Example.test' });
    expect(account.user.email).toBe('mixed.case@example.test');
    expect(account.user.coins).toBe(0);
    expect(account.user.role).toBe('user');

    const login = await s.api<AuthResponse>('POST', '/api/auth/login', {
      body: { email: 'MIXED.case@example.TEST', password: account.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(account.user.id);

    const me = await s.api<Me>('GET', '/api/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: account.user.id, email: 'mixed.case@example.test' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('rotates refresh tokens and treats reuse of an old one as theft', async () => {
    const account = await s.register();
    const first = await s.api<TokenPair>('POST', '/api/auth/refresh', {
      body: { refreshToken: account.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(account.refreshToken);

    const second = await s.api<TokenPair>('POST', '/api/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(second.status).toBe(200);

    // The original token is presented again: the whole family is revoked.
    const reuse = await s.api('POST', '/api/auth/refresh', { body: { refreshToken: account.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    const latest = await s.api('POST', '/api/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(latest.status).toBe(401);
    const me = await s.api('GET', '/api/auth/me', { token: second.body.accessToken });
    expect(me.status).toBe(401);
  });
});

describe('sign-in errors', () => {
  it('answers an unknown email and a wrong password with the same error', async () => {
    const account = await s.register();
    const wrong = await s.api('POST', '/api/auth/login', {
      body: { email: account.user.email, password: 'wrong password!' },
    });
    const unknown = await s.api('POST', '/api/auth/login', {
      body: { email: 'nobody@example.test', password: 'wrong password!' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('refuses an unknown or expired-looking refresh token', async () => {
    const res = await s.api('POST', '/api/auth/refresh', { body: { refreshToken: 'not-a-real-token' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('logout', () => {
  it('revokes the access and refresh token of this device only', async () => {
    const account = await s.register();
    const other = await s.api<AuthResponse>('POST', '/api/auth/login', {
      body: { email: account.user.email, password: account.password },
    });

    expect((await s.api('POST', '/api/auth/logout', { token: account.accessToken })).status).toBe(204);
    expect((await s.api('GET', '/api/auth/me', { token: account.accessToken })).status).toBe(401);
    expect(
      (await s.api('POST', '/api/auth/refresh', { body: { refreshToken: account.refreshToken } })).status,
    ).toBe(401);

    expect((await s.api('GET', '/api/auth/me', { token: other.body.accessToken })).status).toBe(200);
  });

  it('with allDevices ends every session of the user', async () => {
    const account = await s.register();
    const other = await s.api<AuthResponse>('POST', '/api/auth/login', {
      body: { email: account.user.email, password: account.password },
    });
    const res = await s.api('POST', '/api/auth/logout', {
      token: account.accessToken,
      body: { allDevices: true },
    });
    expect(res.status).toBe(204);
    expect((await s.api('GET', '/api/auth/me', { token: other.body.accessToken })).status).toBe(401);
    expect(
      (await s.api('POST', '/api/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status,
    ).toBe(401);
  });

  it('requires a valid access token', async () => {
    expect((await s.api('POST', '/api/auth/logout')).status).toBe(401);
    const res = await s.api('POST', '/api/auth/logout', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('password change', () => {
  it('needs the current password, signs out other devices, keeps this one', async () => {
    const account = await s.register();
    const other = await s.api<AuthResponse>('POST', '/api/auth/login', {
      body: { email: account.user.email, password: account.password },
    });

    const wrong = await s.api('POST', '/api/users/me/password', {
      token: account.accessToken,
      body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });

    const common = await s.api('POST', '/api/users/me/password', {
      token: account.accessToken,
      body: { currentPassword: account.password, newPassword: 'password123' },
    });
    expect(common.body).toMatchObject({ error: { code: 'WEAK_PASSWORD' } });

    const ok = await s.api('POST', '/api/users/me/password', {
      token: account.accessToken,
      body: { currentPassword: account.password, newPassword: 'a brand new passphrase' },
    });
    expect(ok.status).toBe(204);
    expect((await s.api('GET', '/api/auth/me', { token: account.accessToken })).status).toBe(200);
    expect((await s.api('GET', '/api/auth/me', { token: other.body.accessToken })).status).toBe(401);

    const oldLogin = await s.api('POST', '/api/auth/login', {
      body: { email: account.user.email, password: account.password },
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await s.api('POST', '/api/auth/login', {
      body: { email: account.user.email, password: 'a brand new passphrase' },
    });
    expect(newLogin.status).toBe(200);
  });
});

describe('secrets stay out of the log', () => {
  it('never logs passwords or tokens', async () => {
    const account = await s.register({ password: 'very secret passphrase 42' });
    await s.api('GET', '/api/auth/me', { token: account.accessToken });
    await s.api('POST', '/api/auth/refresh', { body: { refreshToken: account.refreshToken } });
    const log = s.logs.join('');
    expect(log).toContain('/api/auth/register');
    expect(log).not.toContain('very secret passphrase 42');
    expect(log).not.toContain(account.accessToken);
    expect(log).not.toContain(account.refreshToken);
  });
});
