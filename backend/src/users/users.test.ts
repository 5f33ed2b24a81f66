import type { ApiErrorResponse, Me, PublicProfile } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('PATCH /api/users/me', () => {
  it('updates nickname, avatar and bio', async () => {
    const account = await s.register();
    const res = await s.api<Me>('PATCH', '/api/users/me', {
      token: account.accessToken,
      body: { nickname: 'New_Name', avatarUrl: 'https://cdn.example.test/a.png', bio: '  hello there  ' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      nickname: 'New_Name',
      avatarUrl: 'https://cdn.example.test/a.png',
      bio: 'hello there',
    });

    const cleared = await s.api<Me>('PATCH', '/api/users/me', {
      token: account.accessToken,
      body: { avatarUrl: null },
    });
    expect(cleared.body.avatarUrl).toBeNull();
  });

  it.each([
    ['an empty body', {}, ''],
    ['a javascript: avatar', { avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
    ['a non-URL avatar', { avatarUrl: 'picture' }, 'avatarUrl'],
    ['a long bio', { bio: 'b'.repeat(301) }, 'bio'],
    ['a bad nickname', { nickname: 'has space' }, 'nickname'],
    ['a field you may not set', { role: 'admin' }, ''],
    ['coins', { coins: 1_000_000 }, ''],
  ])('rejects %s', async (_what, body, field) => {
    const account = await s.register();
    const res = await s.api<ApiErrorResponse>('PATCH', '/api/users/me', { token: account.accessToken, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((res.body.error.details as Array<{ path: string }>).map((d) => d.path)).toContain(field);
  });

  it('refuses a nickname someone else has', async () => {
    const a = await s.register({ nickname: 'first_owner' });
    const b = await s.register();
    const res = await s.api<ApiErrorResponse>('PATCH', '/api/users/me', {
      token: b.accessToken,
      body: { nickname: 'FIRST_OWNER' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NICKNAME_TAKEN');
    expect(a.user.nickname).toBe('first_owner');
  });

  it('needs a signed-in user', async () => {
    const res = await s.api('PATCH', '/api/users/me', { body: { bio: 'x' } });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/users/:id', () => {
  it('shows the public profile without private fields', async () => {
    const account = await s.register();
    const res = await s.api<PublicProfile>('GET', `/api/users/${account.user.id}`);
    expect(res.status).toBe(200);
    expect(res.body.nickname).toBe(account.user.nickname);
    expect(res.body).not.toHaveProperty('email');
    expect(res.body).not.toHaveProperty('coins');
    expect(res.body.stats).toMatchObject({ streamsCount: 0 });
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await s.api<ApiErrorResponse>('GET', '/api/users/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const missing = await s.api<ApiErrorResponse>('GET', '/api/users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
