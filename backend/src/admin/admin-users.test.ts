import type { ApiErrorResponse, AuthResponse, PublicProfile } from '@airwave/shared';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema/index.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
let admin: AuthResponse;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.registerWithRole('admin');
});
afterAll(() => s.close());

const ban = (id: string, token: string, body: unknown = { reason: 'spamming chat' }) =>
  s.api<ApiErrorResponse>('POST', `/api/admin/users/${id}/ban`, { token, body });

describe('admin routes refuse everyone but admins', () => {
  it.each(['user', 'streamer', 'moderator'] as const)('a %s gets 403', async (role) => {
    const caller = await s.registerWithRole(role);
    const target = await s.register();
    const res = await ban(target.user.id, caller.accessToken);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const role403 = await s.api('PATCH', `/api/admin/users/${target.user.id}/role`, {
      token: caller.accessToken,
      body: { role: 'admin', reason: 'let me in' },
    });
    expect(role403.status).toBe(403);
  });

  it('an anonymous caller gets 401', async () => {
    const target = await s.register();
    const res = await s.api<ApiErrorResponse>('POST', `/api/admin/users/${target.user.id}/ban`, {
      body: { reason: 'x' },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a role granted in the database takes effect without a new token', async () => {
    const promoted = await s.register();
    const target = await s.register();
    await s.api('PATCH', `/api/admin/users/${promoted.user.id}/role`, {
      token: admin.accessToken,
      body: { role: 'admin', reason: 'new team member' },
    });
    const res = await ban(target.user.id, promoted.accessToken);
    expect(res.status).toBe(204);
  });
});

describe('ban', () => {
  it('stops the banned user at once: access token, refresh token and login', async () => {
    const target = await s.register();
    expect((await s.api('GET', '/api/auth/me', { token: target.accessToken })).status).toBe(200);

    expect((await ban(target.user.id, admin.accessToken)).status).toBe(204);

    const me = await s.api<ApiErrorResponse>('GET', '/api/auth/me', { token: target.accessToken });
    expect(me.status).toBe(401);
    const refresh = await s.api('POST', '/api/auth/refresh', { body: { refreshToken: target.refreshToken } });
    expect(refresh.status).toBe(401);
    const login = await s.api<ApiErrorResponse>('POST', '/api/auth/login', {
      body: { email: target.user.email, password: target.password },
    });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('ACCOUNT_BANNED');
    expect((await s.api('GET', `/api/users/${target.user.id}`)).status).toBe(404);

    const unban = await s.api('POST', `/api/admin/users/${target.user.id}/unban`, {
      token: admin.accessToken,
      body: { reason: 'appeal accepted' },
    });
    expect(unban.status).toBe(204);
    const again = await s.api('POST', '/api/auth/login', {
      body: { email: target.user.email, password: target.password },
    });
    expect(again.status).toBe(200);
  });

  it('writes who, what, before/after and why to the audit log', async () => {
    const target = await s.register();
    await ban(target.user.id, admin.accessToken, { reason: 'abusive messages' });
    const [row] = await s.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, target.user.id))
      .orderBy(desc(auditLog.id));
    expect(row).toMatchObject({
      actorId: admin.user.id,
      action: 'user.ban',
      targetType: 'user',
      reason: 'abusive messages',
      before: { bannedAt: null },
    });
    expect((row?.after as { bannedAt?: string } | undefined)?.bannedAt).toMatch(/^\d{4}-/);
  });

  it('refuses to ban yourself or another admin, and unknown users', async () => {
    const self = await ban(admin.user.id, admin.accessToken);
    expect(self.status).toBe(403);
    const otherAdmin = await s.registerWithRole('admin');
    expect((await ban(otherAdmin.user.id, admin.accessToken)).status).toBe(403);
    const missing = await ban('00000000-0000-4000-8000-000000000000', admin.accessToken);
    expect(missing.status).toBe(404);
  });

  it.each([
    ['no reason', {}],
    ['a blank reason', { reason: '  ' }],
    ['an extra field', { reason: 'spam', until: 'forever' }],
  ])('validates the body: %s', async (_what, body) => {
    const target = await s.register();
    const res = await ban(target.user.id, admin.accessToken, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('validates the id', async () => {
    const res = await ban('42', admin.accessToken);
    expect(res.status).toBe(400);
  });
});

describe('role change', () => {
  it('changes the role, audits it, and validates the role name', async () => {
    const target = await s.register();
    const res = await s.api<PublicProfile>('PATCH', `/api/admin/users/${target.user.id}/role`, {
      token: admin.accessToken,
      body: { role: 'moderator', reason: 'trusted community member' },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('moderator');
    const [row] = await s.db.select().from(auditLog).where(eq(auditLog.targetId, target.user.id));
    expect(row).toMatchObject({
      action: 'user.role',
      before: { role: 'user' },
      after: { role: 'moderator' },
    });

    const bad = await s.api<ApiErrorResponse>('PATCH', `/api/admin/users/${target.user.id}/role`, {
      token: admin.accessToken,
      body: { role: 'superuser', reason: 'why not' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'role' })]),
    );
  });
});
