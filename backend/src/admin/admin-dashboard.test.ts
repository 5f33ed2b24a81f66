import { randomUUID } from 'node:crypto';
import type {
  AdminDashboard,
  ApiErrorResponse,
  AuditLogPage,
  AuthResponse,
  CheckoutResponse,
  GiftCatalog,
} from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../db/schema/index.ts';
import { postLedgerEntry } from '../ledger/ledger.repository.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, ok } from '../test/test-socket.ts';

let s: TestServer;
let admin: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer({ MIN_PAYOUT_BEANS: '10' } as never);
  admin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const as = <T>(method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: admin.accessToken, body });
const dashboard = async (period = 'today') =>
  (await as<AdminDashboard>('GET', `/api/admin/dashboard?period=${period}`)).body;

describe('dashboard', () => {
  it('counts what happened in the period and what is live now, with a daily series', async () => {
    const before = await dashboard();
    const { stream } = await kit.liveStream();
    // A second live stream nobody joins keeps the count written here (rooms recount joined ones).
    const quiet = await kit.liveStream();
    await s.db.update(streams).set({ viewerCount: 7 }).where(eq(streams.id, quiet.stream.id));
    const buyer = await s.register();
    const { body } = await s.api<CheckoutResponse>('POST', '/api/payments/checkout', {
      token: buyer.accessToken,
      body: { packageId: 'coins-500', idempotencyKey: randomUUID() },
    });
    await s.api('POST', '/api/payments/dev/complete', {
      token: buyer.accessToken,
      body: { paymentId: body.payment.id },
    });
    const { socket } = await kit.viewerIn(stream.id, buyer);
    const coffee = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.find(
      (g) => g.slug === 'coffee',
    );
    if (!coffee) throw new Error('catalog');
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: coffee.id,
      count: 2,
      idempotencyKey: randomUUID(),
    });
    const earner = await s.register();
    // Earned beans (an admin grant would be promotional, which payouts cannot take).
    await s.db.transaction((tx) =>
      postLedgerEntry(tx, {
        userId: earner.user.id,
        account: 'beans',
        delta: 50,
        kind: 'grant',
        reason: 'test',
      }),
    );
    const payout = await s.api('POST', '/api/payouts', {
      token: earner.accessToken,
      body: { beans: 20, idempotencyKey: randomUUID() },
    });
    expect(payout.status).toBe(201);

    const after = await dashboard();
    expect(after.period).toBe('today');
    expect(after.liveStreams - before.liveStreams).toBe(2);
    // 7 on the quiet stream, plus the joined viewer once the room has counted them.
    expect(after.viewersNow - before.viewersNow).toBeGreaterThanOrEqual(7);
    expect(after.registrations - before.registrations).toBe(4);
    expect(after.coinsSold - before.coinsSold).toBe(525);
    expect(after.paymentsCompleted - before.paymentsCompleted).toBe(1);
    expect(after.giftsSent - before.giftsSent).toBe(2);
    expect(after.giftCoins - before.giftCoins).toBe(20);
    expect(after.beansEarned - before.beansEarned).toBe(20);
    expect(after.payoutsPending.count - before.payoutsPending.count).toBe(1);
    expect(after.payoutsPending.beans - before.payoutsPending.beans).toBe(20);

    const today = new Date().toISOString().slice(0, 10);
    expect(after.series).toEqual([
      { date: today, registrations: after.registrations, coinsSold: after.coinsSold, gifts: after.giftsSent },
    ]);
    const week = await dashboard('7d');
    expect(week.series).toHaveLength(7);
    expect(week.series.at(-1)?.date).toBe(today);
    expect(week.registrations).toBeGreaterThanOrEqual(after.registrations);
    const month = await dashboard('30d');
    expect(month.series).toHaveLength(30);
    expect(Date.parse(month.since)).toBe(Date.parse(`${month.series[0]?.date}T00:00:00Z`));
  });
});

describe('audit log', () => {
  it('filters by actor and action (or an action prefix), newest first, paged', async () => {
    const other = await s.registerWithRole('admin');
    const target = await s.register();
    await as('POST', `/api/admin/users/${target.user.id}/adjust-balance`, {
      account: 'coins',
      delta: 5,
      reason: 'first grant',
    });
    await as('POST', `/api/admin/users/${target.user.id}/adjust-balance`, {
      account: 'coins',
      delta: 6,
      reason: 'second grant',
    });
    await s.api('POST', `/api/admin/users/${target.user.id}/ban`, {
      token: other.accessToken,
      body: { reason: 'other admin bans' },
    });

    const mine = await as<AuditLogPage>(
      'GET',
      `/api/admin/audit-log?actorId=${admin.user.id}&targetId=${target.user.id}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((e) => e.reason)).toEqual(['second grant', 'first grant']);
    expect(mine.body.items[0]).toMatchObject({
      actor: { id: admin.user.id, nickname: admin.user.nickname },
      action: 'user.adjust-balance',
      targetType: 'user',
      before: { coins: 5 },
      after: { coins: 11, delta: 6 },
      createdAt: expect.any(String),
    });
    const bans = await as<AuditLogPage>(
      'GET',
      `/api/admin/audit-log?action=user.ban&targetId=${target.user.id}`,
    );
    expect(bans.body.items.map((e) => e.actor?.id)).toEqual([other.user.id]);
    const prefix = await as<AuditLogPage>(
      'GET',
      `/api/admin/audit-log?action=user.&targetId=${target.user.id}`,
    );
    expect(prefix.body.items).toHaveLength(3);

    const page1 = await as<AuditLogPage>('GET', `/api/admin/audit-log?targetId=${target.user.id}&limit=2`);
    const page2 = await as<AuditLogPage>(
      'GET',
      `/api/admin/audit-log?targetId=${target.user.id}&limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect([...page1.body.items, ...page2.body.items].map((e) => e.action)).toEqual([
      'user.ban',
      'user.adjust-balance',
      'user.adjust-balance',
    ]);
    expect(page2.body.nextCursor).toBeNull();
  });
});
