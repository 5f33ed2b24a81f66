import type {
  AdminBalance,
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  ApiErrorResponse,
  AuthResponse,
} from '@airwave/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, users } from '../db/schema/index.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { balancesOf, grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, nextEvent } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const as = <T>(method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: admin.accessToken, body });

describe('user search and detail', () => {
  it('finds users by part of the email or nickname, or by exact id, with filters and paging', async () => {
    const a = await s.register({ nickname: 'zebra_finder_1', email: 'zebra.one@example.test' });
    await s.register({ nickname: 'zebra_finder_2' });
    const mod = await s.registerWithRole('moderator');

    const byNick = await as<AdminUserList>('GET', '/api/admin/users?q=ZEBRA_finder&sort=nickname&order=asc');
    expect(byNick.status).toBe(200);
    expect(byNick.body.items.map((u) => u.nickname)).toEqual(['zebra_finder_1', 'zebra_finder_2']);
    expect(byNick.body.total).toBe(2);

    const byEmail = await as<AdminUserList>('GET', '/api/admin/users?q=zebra.one@');
    expect(byEmail.body.items.map((u) => u.id)).toEqual([a.user.id]);
    const byId = await as<AdminUserList>('GET', `/api/admin/users?q=${a.user.id}`);
    expect(byId.body.items).toEqual([
      expect.objectContaining({ id: a.user.id, email: 'zebra.one@example.test' }),
    ]);
    // LIKE wildcards in the search are taken literally.
    expect((await as<AdminUserList>('GET', '/api/admin/users?q=%25')).body.total).toBe(0);

    const mods = await as<AdminUserList>('GET', '/api/admin/users?role=moderator');
    expect(mods.body.items.map((u) => u.id)).toContain(mod.user.id);
    expect(mods.body.items.every((u) => u.role === 'moderator')).toBe(true);

    const page1 = await as<AdminUserList>('GET', '/api/admin/users?limit=2&page=1&sort=createdAt&order=asc');
    const page2 = await as<AdminUserList>('GET', '/api/admin/users?limit=2&page=2&sort=createdAt&order=asc');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBeGreaterThanOrEqual(4);
    expect(page2.body.items[0]?.id).not.toBe(page1.body.items[1]?.id);
  });

  it('shows balances, debt and flag, streams, payments, moderation and audit history', async () => {
    const { streamer, stream } = await kit.liveStream();
    await grantCoins(s.db, streamer.user.id, 70);
    await s.db
      .update(users)
      .set({ coinsDebt: 5, flaggedAt: new Date(), flagReason: 'refund needs review' })
      .where(eq(users.id, streamer.user.id));
    await as('POST', `/api/admin/users/${streamer.user.id}/adjust-balance`, {
      account: 'beans',
      delta: 30,
      reason: 'bonus for the event',
    });

    const res = await as<AdminUserDetail>('GET', `/api/admin/users/${streamer.user.id}`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: streamer.user.id,
      role: 'streamer',
      coins: 70,
      beans: 30,
      coinsDebt: 5,
      flagReason: 'refund needs review',
    });
    expect(res.body.streams.count).toBe(1);
    expect(res.body.streams.recent[0]).toMatchObject({ id: stream.id, status: 'live' });
    expect(res.body.payments).toEqual([]);
    expect(res.body.audit.map((a) => a.action)).toEqual(['user.adjust-balance']);
    expect(res.body.audit[0]?.actor?.id).toBe(admin.user.id);

    expect((await as('GET', '/api/admin/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('suspend', () => {
  it('takes effect at once (token, socket, login) and unban lifts it', async () => {
    const target = await s.register();
    const socket = await connectSocket(s.url, { token: target.accessToken });
    const revoked = nextEvent(socket, 'session-revoked');
    const until = new Date(Date.now() + 86_400_000).toISOString();

    const res = await as<AdminUser>('POST', `/api/admin/users/${target.user.id}/suspend`, {
      until,
      reason: 'cooling off',
    });
    expect(res.status).toBe(200);
    expect(res.body.suspendedUntil).toBe(until);
    expect(await revoked).toEqual({ reason: 'banned' });
    expect((await s.api('GET', '/api/auth/me', { token: target.accessToken })).status).toBe(401);
    const login = await s.api<ApiErrorResponse>('POST', '/api/auth/login', {
      body: { email: target.user.email, password: target.password },
    });
    expect(login.status).toBe(403);
    expect(login.body.error).toMatchObject({ code: 'ACCOUNT_BANNED', details: { suspendedUntil: until } });

    const [audit] = await kit.audits(target.user.id, 'user.suspend');
    expect(audit).toMatchObject({
      actorId: admin.user.id,
      reason: 'cooling off',
      before: { suspendedUntil: null },
      after: { suspendedUntil: until },
    });
    const suspended = await as<AdminUserList>('GET', `/api/admin/users?status=suspended&q=${target.user.id}`);
    expect(suspended.body.total).toBe(1);

    await as('POST', `/api/admin/users/${target.user.id}/unban`, { reason: 'appeal accepted' });
    const again = await s.api('POST', '/api/auth/login', {
      body: { email: target.user.email, password: target.password },
    });
    expect(again.status).toBe(200);
  });

  it('refuses admins, yourself and unknown users', async () => {
    const body = { until: new Date(Date.now() + 60_000).toISOString(), reason: 'testing' };
    const other = await s.registerWithRole('admin');
    expect((await as('POST', `/api/admin/users/${other.user.id}/suspend`, body)).status).toBe(403);
    expect((await as('POST', `/api/admin/users/${admin.user.id}/suspend`, body)).status).toBe(403);
    const missing = await as('POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/suspend', body);
    expect(missing.status).toBe(404);
  });
});

describe('adjust balance', () => {
  it('moves coins through an admin_adjust ledger entry with the reason, audits it and tells the wallet', async () => {
    const target = await s.register();
    const socket = await connectSocket(s.url, { token: target.accessToken });
    const updated = nextEvent(socket, 'wallet-updated', (w) => w.coins === 250);

    const res = await as<AdminBalance>('POST', `/api/admin/users/${target.user.id}/adjust-balance`, {
      account: 'coins',
      delta: 250,
      reason: 'compensation for outage',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ coins: 250, beans: 0, coinsDebt: 0 });
    expect(await updated).toEqual({ coins: 250, beans: 0 });

    const down = await as<AdminBalance>('POST', `/api/admin/users/${target.user.id}/adjust-balance`, {
      account: 'coins',
      delta: -50,
      reason: 'clawback of a mistake',
    });
    expect(down.body.coins).toBe(200);

    const rows = await s.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, target.user.id), eq(ledgerEntries.kind, 'admin_adjust')));
    expect(rows.map((r) => [r.delta, r.balanceAfter, r.reason, r.actorId])).toEqual([
      [250, 250, 'compensation for outage', admin.user.id],
      [-50, 200, 'clawback of a mistake', admin.user.id],
    ]);
    const audits = await kit.audits(target.user.id, 'user.adjust-balance');
    expect(audits.map((a) => [a.before, a.after, a.reason])).toEqual([
      [{ coins: 250 }, { coins: 200, delta: -50 }, 'clawback of a mistake'],
      [{ coins: 0 }, { coins: 250, delta: 250 }, 'compensation for outage'],
    ]);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('never goes below zero: INSUFFICIENT_FUNDS and nothing written', async () => {
    const target = await s.register();
    await grantCoins(s.db, target.user.id, 10);
    const res = await as('POST', `/api/admin/users/${target.user.id}/adjust-balance`, {
      account: 'coins',
      delta: -11,
      reason: 'too much',
    });
    expect(res.status).toBe(402);
    expect(res.body.error.code).toBe('INSUFFICIENT_FUNDS');
    const beans = await as('POST', `/api/admin/users/${target.user.id}/adjust-balance`, {
      account: 'beans',
      delta: -1,
      reason: 'none there',
    });
    expect(beans.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(await balancesOf(s.db, target.user.id)).toEqual({ coins: 10, beans: 0 });
    expect(await kit.audits(target.user.id)).toEqual([]);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('refuses your own account and unknown users', async () => {
    const body = { account: 'coins', delta: 1000, reason: 'for me' };
    expect((await as('POST', `/api/admin/users/${admin.user.id}/adjust-balance`, body)).status).toBe(403);
    const missing = await as(
      'POST',
      '/api/admin/users/00000000-0000-4000-8000-000000000000/adjust-balance',
      body,
    );
    expect(missing.status).toBe(404);
  });
});

describe('clear flag', () => {
  it('clears the flag once (debt stays), audited; a second time is CONFLICT', async () => {
    const target = await s.register();
    await s.db
      .update(users)
      .set({ coinsDebt: 40, flaggedAt: new Date(), flagReason: 'refund of payment x' })
      .where(eq(users.id, target.user.id));
    const flagged = await as<AdminUserList>('GET', `/api/admin/users?status=flagged&q=${target.user.id}`);
    expect(flagged.body.total).toBe(1);

    const res = await as<AdminUser>('POST', `/api/admin/users/${target.user.id}/clear-flag`, {
      reason: 'talked to the buyer',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ flaggedAt: null, flagReason: null, coinsDebt: 40 });
    const [audit] = await kit.audits(target.user.id, 'user.clear-flag');
    expect(audit).toMatchObject({
      reason: 'talked to the buyer',
      before: { flagReason: 'refund of payment x' },
      after: { flaggedAt: null },
    });
    const again = await as('POST', `/api/admin/users/${target.user.id}/clear-flag`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });
});
