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
    const first = await s.api<TokenPair>('POST', '/api/auth/refresh', { body: { refreshToken: account.refreshToken } });
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

    const latest = await s.api('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(latest.status).toBe(401);
    const me = await s.api('GET', '/api/auth/me', { token: second.body.accessToken });
    expect(me.status).toBe(401);
  });
});
