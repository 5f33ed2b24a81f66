import { randomUUID } from 'node:crypto';
import type { ApiErrorResponse, AuthResponse, GiftCatalog, MyLimits, Stream } from '@airwave/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, giftSpendDays, spendingLimits, users } from '../db/schema/index.ts';
import { balancesOf, grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';

// Runs on PGlite by default and on PostgreSQL with TEST_DATABASE_URL, where parallel sends and
// checkouts really run side by side on a connection pool.
let daily: TestServer; // 1000 coins a day, gifts 100 coins a day
let monthly: TestServer; // no daily cap, 1000 a month, 24 h new-account delay, no gift cap
/** The 1-coin heart of each server's catalog (ids differ per database). */
const heart = new Map<TestServer, string>();
beforeAll(async () => {
  [daily, monthly] = await Promise.all([
    startTestServer({
      PURCHASE_DAILY_LIMIT_COINS: '1000',
      PURCHASE_MONTHLY_LIMIT_COINS: '0',
      GIFT_DAILY_LIMIT_COINS: '100',
      GIFT_RATE_POINTS: '100000',
    }),
    startTestServer({
      PURCHASE_DAILY_LIMIT_COINS: '0',
      PURCHASE_MONTHLY_LIMIT_COINS: '1000',
      NEW_ACCOUNT_PURCHASE_DELAY_HOURS: '24',
      GIFT_DAILY_LIMIT_COINS: '0',
      GIFT_RATE_POINTS: '100000',
    }),
  ]);
  for (const s of [daily, monthly]) {
    const catalog = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items;
    const id = catalog.find((g) => g.slug === 'heart' && g.costCoins === 1)?.id;
    if (!id) throw new Error('no 1-coin heart in the catalog');
    heart.set(s, id);
  }
});
afterEach(closeAllSockets);
afterAll(async () => {
  await Promise.all([daily.close(), monthly.close()]);
});

type Refusal = ApiErrorResponse['error'] & {
  details: { limit: number; used: number; requested: number; resetsAt: string; availableAt: string };
};
const checkout = (s: TestServer, user: AuthResponse, packageId: string) =>
  s.api<{ payment: { id: string } } & { error: Refusal }>('POST', '/api/payments/checkout', {
    token: user.accessToken,
    body: { packageId, idempotencyKey: randomUUID() },
  });
const limitsOf = async (s: TestServer, user: AuthResponse) =>
  (await s.api<MyLimits>('GET', '/api/limits', { token: user.accessToken })).body;
const setCap = (s: TestServer, user: AuthResponse, coinsPerDay: unknown) =>
  s.api<MyLimits & { error: Refusal }>('PUT', '/api/limits/gift-daily', {
    token: user.accessToken,
    body: { coinsPerDay },
  });
const nextUtcMidnight = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString();
};

describe('purchase limits', () => {
  it('a daily cap in coins (bonus included) counts open and completed checkouts', async () => {
    const buyer = await daily.register();
    expect((await checkout(daily, buyer, 'coins-500')).status).toBe(201); // 525 coins
    const refused = await checkout(daily, buyer, 'coins-500');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PURCHASE_DAILY_LIMIT');
    expect(refused.body.error.details).toEqual({
      limit: 1000,
      used: 525,
      requested: 525,
      resetsAt: nextUtcMidnight(),
    });
    // A smaller package still fits.
    expect((await checkout(daily, buyer, 'coins-100')).status).toBe(201);
    const view = await limitsOf(daily, buyer);
    expect(view.purchases.daily).toEqual({ limit: 1000, used: 625, resetsAt: nextUtcMidnight() });
    expect(view.purchases.monthly.limit).toBeNull();
  });

  it('parallel checkouts cannot pass the cap together', async () => {
    const buyer = await daily.register();
    const results = await Promise.all(Array.from({ length: 12 }, () => checkout(daily, buyer, 'coins-100')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.body.error?.code === 'PURCHASE_DAILY_LIMIT')).toHaveLength(2);
  });

  it('a new account waits NEW_ACCOUNT_PURCHASE_DELAY_HOURS, then the monthly cap applies', async () => {
    const buyer = await monthly.register();
    const early = await checkout(monthly, buyer, 'coins-100');
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('PURCHASE_TOO_SOON');
    const availableAt = Date.parse(early.body.error.details.availableAt);
    expect(Math.abs(availableAt - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);
    expect((await limitsOf(monthly, buyer)).purchases.availableAt).toBe(early.body.error.details.availableAt);

    await monthly.db
      .update(users)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(users.id, buyer.user.id));
    expect((await limitsOf(monthly, buyer)).purchases.availableAt).toBeNull();
    expect((await checkout(monthly, buyer, 'coins-500')).status).toBe(201);
    const refused = await checkout(monthly, buyer, 'coins-500');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PURCHASE_MONTHLY_LIMIT');
    expect(refused.body.error.details).toMatchObject({ limit: 1000, used: 525, requested: 525 });
    const now = new Date();
    expect(refused.body.error.details.resetsAt).toBe(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
    );
  });
});

async function liveStream(s: TestServer): Promise<Stream> {
  const streamer = await s.register();
  return (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'limits', category: 'irl' },
    })
  ).body;
}

async function gifter(s: TestServer, coins: number, stream: Stream) {
  const viewer = await s.register();
  await grantCoins(s.db, viewer.user.id, coins);
  const socket = await connectSocket(s.url, { token: viewer.accessToken });
  await ok(socket, 'join-stream', { streamId: stream.id });
  const send = (count: number) =>
    emitAck(socket, 'send-gift', {
      streamId: stream.id,
      giftId: heart.get(s) ?? '',
      count,
      idempotencyKey: randomUUID(),
    });
  return { viewer, send };
}

describe('daily gift cap', () => {
  it('20 parallel 10-coin gifts under a 100-coin cap: exactly 10 go through, nothing else moves', async () => {
    const stream = await liveStream(daily);
    const { viewer, send } = await gifter(daily, 1000, stream);
    const results = await Promise.all(Array.from({ length: 20 }, () => send(10)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refusals = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(refusals).toHaveLength(10);
    for (const e of refusals) {
      expect(e.code).toBe('GIFT_DAILY_LIMIT');
      expect(e.details).toEqual({ limit: 100, used: 100, requested: 10, resetsAt: nextUtcMidnight() });
    }
    expect((await balancesOf(daily.db, viewer.user.id)).coins).toBe(900);
    const [counter] = await daily.db
      .select()
      .from(giftSpendDays)
      .where(eq(giftSpendDays.userId, viewer.user.id));
    expect(counter?.coins).toBe(100);
    expect(await ledgerMismatches(daily.db)).toEqual([]);
  });

  it('self-exclusion: a lower own cap applies at once; a raise waits the cooling-off period', async () => {
    const stream = await liveStream(daily);
    const { viewer, send } = await gifter(daily, 1000, stream);
    expect((await send(20)).ok).toBe(true);

    const lowered = await setCap(daily, viewer, 30);
    expect(lowered.status).toBe(200);
    expect(lowered.body.gifts).toMatchObject({
      limit: 30,
      ownLimit: 30,
      platformLimit: 100,
      used: 20,
      pendingRaise: null,
    });
    const refused = await send(15);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.details).toMatchObject({ limit: 30, used: 20, requested: 15 });
    expect((await send(10)).ok).toBe(true);

    const raised = await setCap(daily, viewer, 80);
    expect(raised.body.gifts.limit).toBe(30);
    expect(raised.body.gifts.pendingRaise?.to).toBe(80);
    const effectiveAt = Date.parse(raised.body.gifts.pendingRaise?.effectiveAt ?? '');
    expect(Math.abs(effectiveAt - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);
    expect((await send(1)).ok).toBe(false);

    // The cooling-off period passes: the raise applies, to the gift trigger too.
    await daily.db
      .update(spendingLimits)
      .set({ raiseAt: sql`now() - interval '1 second'` })
      .where(eq(spendingLimits.userId, viewer.user.id));
    expect((await limitsOf(daily, viewer)).gifts).toMatchObject({
      limit: 80,
      ownLimit: 80,
      pendingRaise: null,
    });
    expect((await send(50)).ok).toBe(true);

    // Going back to the platform's cap is a raise too; lowering again drops it.
    expect((await setCap(daily, viewer, null)).body.gifts.pendingRaise).toMatchObject({ to: null });
    const again = await setCap(daily, viewer, 5);
    expect(again.body.gifts).toMatchObject({ limit: 5, ownLimit: 5, pendingRaise: null });

    const audit = await daily.db.select().from(auditLog).where(eq(auditLog.targetId, viewer.user.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'limits.gift_cap_lowered',
      'limits.gift_cap_lowered',
      'limits.gift_cap_raise_requested',
      'limits.gift_cap_raise_requested',
    ]);
    expect(await ledgerMismatches(daily.db)).toEqual([]);
  });

  it('an own cap works where the platform has none', async () => {
    const stream = await liveStream(monthly);
    const { viewer, send } = await gifter(monthly, 100, stream);
    expect((await limitsOf(monthly, viewer)).gifts.limit).toBeNull();
    await setCap(monthly, viewer, 3);
    expect((await send(3)).ok).toBe(true);
    const refused = await send(1);
    expect(!refused.ok && refused.error.code).toBe('GIFT_DAILY_LIMIT');
    expect((await balancesOf(monthly.db, viewer.user.id)).coins).toBe(97);
  });

  it('validates the cap and needs sign-in', async () => {
    const user = await daily.register();
    for (const bad of [-1, 1.5, 'ten', 200_000_000]) {
      const res = await setCap(daily, user, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const extra = await daily.api<ApiErrorResponse>('PUT', '/api/limits/gift-daily', {
      token: user.accessToken,
      body: { coinsPerDay: 5, userId: randomUUID() },
    });
    expect(extra.status).toBe(400);
    expect((await daily.api('GET', '/api/limits')).status).toBe(401);
    expect((await daily.api('PUT', '/api/limits/gift-daily', { body: { coinsPerDay: 1 } })).status).toBe(401);
  });
});
