import type { ApiErrorResponse, AuthResponse } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
let admin: AuthResponse;
let moderator: AuthResponse;
let user: AuthResponse;
beforeAll(async () => {
  s = await startTestServer();
  [admin, moderator, user] = await Promise.all([
    s.registerWithRole('admin'),
    s.registerWithRole('moderator'),
    s.registerWithRole('user'),
  ]);
});
afterAll(() => s.close());

const ID = '00000000-0000-4000-8000-000000000001';
type Route = [method: string, path: string, who: 'admin' | 'moderator', body?: unknown];
const ROUTES: Route[] = [
  ['GET', '/api/admin/dashboard', 'admin'],
  ['GET', '/api/admin/audit-log', 'admin'],
  ['GET', '/api/admin/users', 'admin'],
  ['GET', `/api/admin/users/${ID}`, 'admin'],
  ['POST', `/api/admin/users/${ID}/suspend`, 'admin', { until: '2999-01-01T00:00:00Z', reason: 'spam' }],
  ['POST', `/api/admin/users/${ID}/adjust-balance`, 'admin', { account: 'coins', delta: 5, reason: 'gift' }],
  ['POST', `/api/admin/users/${ID}/clear-flag`, 'admin', { reason: 'checked' }],
  ['GET', '/api/admin/gifts', 'admin'],
  ['POST', '/api/admin/gifts', 'admin', { slug: 'x', name: 'x', icon: 'x', costCoins: 1 }],
  ['PATCH', `/api/admin/gifts/${ID}`, 'admin', { name: 'x' }],
  ['GET', '/api/admin/coin-packages', 'admin'],
  ['POST', '/api/admin/coin-packages', 'admin', { id: 'p', coins: 1, priceCents: 1 }],
  ['PATCH', '/api/admin/coin-packages/coins-100', 'admin', { active: true }],
  ['GET', '/api/admin/payments', 'admin'],
  ['POST', `/api/admin/payments/${ID}/refund`, 'admin', { reason: 'asked' }],
  ['GET', '/api/admin/streams', 'moderator'],
  ['POST', `/api/admin/streams/${ID}/end`, 'moderator', { reason: 'rules' }],
  ['GET', `/api/admin/streams/${ID}/chat`, 'moderator'],
  ['GET', `/api/admin/streams/${ID}/gifts`, 'moderator'],
  ['GET', '/api/admin/reports', 'moderator'],
  ['POST', '/api/admin/reports/1/resolve', 'moderator', {}],
  ['POST', '/api/admin/reports/1/dismiss', 'moderator', {}],
  ['GET', '/api/admin/moderation-log', 'moderator'],
  ['GET', '/api/admin/banned-words', 'moderator'],
  ['POST', '/api/admin/banned-words', 'moderator', { word: 'zzaccesscheck' }],
  ['DELETE', '/api/admin/banned-words/zzaccesscheck', 'moderator'],
];

describe('who may call each admin route', () => {
  it.each(ROUTES)('%s %s (%s)', async (method, path, who, body) => {
    const call = (token?: string) => s.api<ApiErrorResponse>(method, path, { token, body });

    const anonymous = await call();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');

    const plain = await call(user.accessToken);
    expect(plain.status).toBe(403);
    expect(plain.body.error.code).toBe('FORBIDDEN');

    const mod = await call(moderator.accessToken);
    if (who === 'admin') expect(mod.status).toBe(403);
    else expect([401, 403]).not.toContain(mod.status);

    const adm = await call(admin.accessToken);
    expect([401, 403], JSON.stringify(adm.body)).not.toContain(adm.status);
  });
});

describe('input validation', () => {
  const cases: Array<[string, string, string, unknown?]> = [
    ['a bad period', 'GET', '/api/admin/dashboard?period=year'],
    ['an unknown query field', 'GET', '/api/admin/users?role=admin&x=1'],
    ['a bad role filter', 'GET', '/api/admin/users?role=king'],
    ['a page of 0', 'GET', '/api/admin/users?page=0'],
    ['a limit over 100', 'GET', '/api/admin/payments?limit=500'],
    ['a forged cursor', 'GET', '/api/admin/payments?cursor=bm90LWEtY3Vyc29y'],
    ['a non-numeric serial cursor', 'GET', '/api/admin/audit-log?cursor=abc'],
    ['a bad user id', 'GET', '/api/admin/users/42'],
    [
      'a past suspension',
      'POST',
      `/api/admin/users/${ID}/suspend`,
      { until: '2001-01-01T00:00:00Z', reason: 'spam' },
    ],
    [
      'a suspension without reason',
      'POST',
      `/api/admin/users/${ID}/suspend`,
      { until: '2999-01-01T00:00:00Z' },
    ],
    [
      'a zero adjustment',
      'POST',
      `/api/admin/users/${ID}/adjust-balance`,
      { account: 'coins', delta: 0, reason: 'zero' },
    ],
    [
      'a fractional adjustment',
      'POST',
      `/api/admin/users/${ID}/adjust-balance`,
      { account: 'coins', delta: 1.5, reason: 'half' },
    ],
    [
      'an adjustment without reason',
      'POST',
      `/api/admin/users/${ID}/adjust-balance`,
      { account: 'beans', delta: 5 },
    ],
    [
      'an unknown account',
      'POST',
      `/api/admin/users/${ID}/adjust-balance`,
      { account: 'gold', delta: 5, reason: 'gold' },
    ],
    ['an end without reason', 'POST', `/api/admin/streams/${ID}/end`, {}],
    ['a bad stream status', 'GET', '/api/admin/streams?status=paused'],
    ['a bad report id', 'POST', '/api/admin/reports/abc/resolve', {}],
    ['an extra field on a decision', 'POST', '/api/admin/reports/1/dismiss', { note: 'ok', delete: true }],
    ['a bad report status', 'GET', '/api/admin/reports?status=closed'],
    ['an empty banned word', 'POST', '/api/admin/banned-words', { word: '  ' }],
    ['a bad gift slug', 'POST', '/api/admin/gifts', { slug: 'Big Gift', name: 'x', icon: 'x', costCoins: 1 }],
    ['a zero-cost gift', 'POST', '/api/admin/gifts', { slug: 'free', name: 'x', icon: 'x', costCoins: 0 }],
    ['an empty gift patch', 'PATCH', `/api/admin/gifts/${ID}`, {}],
    [
      'a package with a bad currency',
      'POST',
      '/api/admin/coin-packages',
      { id: 'p-1', coins: 1, priceCents: 1, currency: 'US' },
    ],
    ['a package patch changing the id', 'PATCH', '/api/admin/coin-packages/coins-100', { id: 'other' }],
    ['a refund without reason', 'POST', `/api/admin/payments/${ID}/refund`, {}],
    ['a bad payment status filter', 'GET', '/api/admin/payments?status=lost'],
  ];
  it.each(cases)('refuses %s with 400 VALIDATION_FAILED', async (_what, method, path, body) => {
    const res = await s.api<ApiErrorResponse>(method, path, { token: admin.accessToken, body });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});
