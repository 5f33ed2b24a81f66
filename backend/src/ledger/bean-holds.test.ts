import { randomUUID } from 'node:crypto';
import type { ApiErrorResponse, AuthResponse, Payout, Rates, Wallet } from '@airwave/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { beanHolds, journalEntries, postings } from '../db/schema/index.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { balancesOf, bookProblems, grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, ok } from '../test/test-socket.ts';
import { settleBeans } from './bean-settler.ts';
import { releaseHolds } from './hold-release.ts';

const DAY = 86_400_000;
let s: TestServer;
let admin: AuthResponse;
let giftIds: Map<number, string>;
const kit = adminKit(() => s);
beforeAll(async () => {
  // No background settler here: each test settles and releases when it wants to.
  s = await startTestServer({
    BEAN_HOLD_DAYS: '7',
    BEAN_SETTLE_INTERVAL_MS: '60000',
    MIN_PAYOUT_BEANS: '1',
    GIFT_RATE_POINTS: '100000',
  });
  admin = await s.registerWithRole('admin');
  giftIds = await catalogOf(s);
});

/** Gift ids by coin cost (each test database seeds its own catalog). */
async function catalogOf(server: TestServer) {
  const res = await server.api<{ items: Array<{ id: string; costCoins: number }> }>('GET', '/api/gifts');
  return new Map(res.body.items.map((g) => [g.costCoins, g.id]));
}

function giftOf(catalog: Map<number, string>, cost: number) {
  const id = catalog.get(cost);
  if (!id) throw new Error(`no ${cost}-coin gift`);
  return id;
}
afterEach(closeAllSockets);
afterAll(() => s.close());

const wallet = async (u: AuthResponse) =>
  (await s.api<Wallet>('GET', '/api/wallet', { token: u.accessToken })).body;
const requestPayout = (u: AuthResponse, beans: number) =>
  s.api<Payout & ApiErrorResponse>('POST', '/api/payouts', {
    token: u.accessToken,
    body: { beans, idempotencyKey: randomUUID() },
  });

/** A live streamer and a viewer in the stream who sends gifts of these coin costs (1 coin = 1 bean). */
async function giftedStreamer(costs: number[], opts: { promo?: boolean } = {}) {
  const { streamer, stream } = await kit.liveStream('holds');
  const { viewer, socket } = await kit.viewerIn(stream.id);
  const total = costs.reduce((a, b) => a + b, 0);
  if (opts.promo) {
    const granted = await s.api('POST', `/api/admin/users/${viewer.user.id}/adjust-balance`, {
      token: admin.accessToken,
      body: { account: 'coins', delta: total, reason: 'promo for holds' },
    });
    expect(granted.status).toBe(200);
  } else {
    await grantCoins(s.db, viewer.user.id, total);
  }
  for (const cost of costs) {
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: giftOf(giftIds, cost),
      idempotencyKey: randomUUID(),
    });
  }
  return { streamer, viewer, stream, socket };
}

const lotsOf = (userId: string) =>
  s.db.select().from(beanHolds).where(eq(beanHolds.userId, userId)).orderBy(beanHolds.id);

/** The beans each hold_release entry moved for this user, from held (debit) to available (credit). */
async function releasedPostings(userId: string) {
  return s.db
    .select({ account: postings.account, amount: postings.amount })
    .from(postings)
    .innerJoin(journalEntries, eq(journalEntries.id, postings.journalEntryId))
    .where(and(eq(journalEntries.kind, 'hold_release'), eq(postings.userId, userId)))
    .orderBy(postings.id);
}

describe('gift beans on hold', () => {
  it('the rates say how long, and the wallet shows held beans apart with the time their lot frees up', async () => {
    expect((await s.api<Rates>('GET', '/api/wallet/rates')).body.beanHoldDays).toBe(7);
    const before = Date.now();
    const { streamer } = await giftedStreamer([1, 5, 10]);
    const w = await wallet(streamer);
    expect(w).toMatchObject({ beans: 0, withdrawableBeans: 0, heldBeans: 16 });
    // Gifts of one hour are one lot, freeing up seven days after the latest of them.
    expect(w.holds).toHaveLength(1);
    const frees = Date.parse(w.holds[0]?.releasesAt ?? '');
    expect(w.holds[0]?.beans).toBe(16);
    expect(frees).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
    expect(frees).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('a payout cannot take held beans; once the lot is due its release makes them withdrawable', async () => {
    const { streamer } = await giftedStreamer([5, 10]);
    await wallet(streamer); // settles into the lot
    const refused = await requestPayout(streamer, 1);
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('INSUFFICIENT_FUNDS');

    // Not due yet six days on; due after seven.
    expect(await releaseHolds(s.db, { asOf: new Date(Date.now() + 6 * DAY) })).not.toContain(
      streamer.user.id,
    );
    expect((await wallet(streamer)).heldBeans).toBe(15);
    expect(await releaseHolds(s.db, { asOf: new Date(Date.now() + 7 * DAY + 60_000) })).toContain(
      streamer.user.id,
    );
    expect(await wallet(streamer)).toMatchObject({
      beans: 15,
      withdrawableBeans: 15,
      heldBeans: 0,
      holds: [],
    });
    expect(await releasedPostings(streamer.user.id)).toEqual([
      { account: 'beans_held', amount: 15 },
      { account: 'beans_available', amount: -15 },
    ]);
    const [lot] = await lotsOf(streamer.user.id);
    expect(lot?.releasedAt).toBeInstanceOf(Date);

    // A lot is released once: running the job again moves nothing.
    await releaseHolds(s.db, { asOf: new Date(Date.now() + 30 * DAY) });
    expect(await releasedPostings(streamer.user.id)).toHaveLength(2);
    expect((await requestPayout(streamer, 15)).status).toBe(201);
    expect(await wallet(streamer)).toMatchObject({ beans: 0, pendingPayoutBeans: 15 });
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('gifts after a release start a new lot; beans from promo coins stay unwithdrawable after theirs', async () => {
    const { streamer, viewer, stream, socket } = await giftedStreamer([5], { promo: true });
    await wallet(streamer);
    await releaseHolds(s.db, { asOf: new Date(Date.now() + 8 * DAY) });
    expect(await wallet(streamer)).toMatchObject({ beans: 5, withdrawableBeans: 0, heldBeans: 0 });
    expect((await requestPayout(streamer, 1)).status).toBe(402);

    // The same hour again, after its lot was released: a fresh lot, not the released one.
    await grantCoins(s.db, viewer.user.id, 10);
    await ok(socket, 'send-gift', {
      streamId: stream.id,
      giftId: giftOf(giftIds, 10),
      idempotencyKey: randomUUID(),
    });
    expect(await wallet(streamer)).toMatchObject({ beans: 5, heldBeans: 10 });
    const lots = await lotsOf(streamer.user.id);
    expect(lots.map((l) => [l.beans, l.promoBeans, l.releasedAt === null])).toEqual([
      [5, 5, false],
      [10, 0, true],
    ]);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('several release jobs at once (nodes) release each lot exactly once', async () => {
    const streamers = await Promise.all([0, 1, 2, 3].map(() => giftedStreamer([1, 5])));
    await settleBeans(s.db, 7);
    const asOf = new Date(Date.now() + 8 * DAY);
    const runs = await Promise.all([0, 1, 2, 3, 4, 5].map(() => releaseHolds(s.db, { asOf })));
    const released = runs.flat();
    for (const { streamer } of streamers) {
      expect(released.filter((id) => id === streamer.user.id)).toHaveLength(1);
      expect(await wallet(streamer)).toMatchObject({ beans: 6, heldBeans: 0 });
      expect(await releasedPostings(streamer.user.id)).toHaveLength(2);
    }
    expect(await bookProblems(s.db)).toEqual([]);
  });

  it('the books check the held beans against their lots', async () => {
    const { streamer } = await giftedStreamer([10]);
    await wallet(streamer);
    expect(await bookProblems(s.db)).toEqual([]);
    // A lot that says more than its postings is a mismatch the trial balance reports.
    await s.db.execute(
      sql`UPDATE bean_holds SET beans = beans + 1 WHERE user_id = ${streamer.user.id}::uuid`,
    );
    expect(await bookProblems(s.db)).toContainEqual(
      expect.objectContaining({ userId: streamer.user.id, account: 'beans_held', cached: 11, postings: 10 }),
    );
    await s.db.execute(
      sql`UPDATE bean_holds SET beans = beans - 1 WHERE user_id = ${streamer.user.id}::uuid`,
    );
  });
});

describe('the background job', () => {
  it('settles and releases on its timer with no wallet read (hold 0)', async () => {
    const quick = await startTestServer({ BEAN_HOLD_DAYS: '0', BEAN_SETTLE_INTERVAL_MS: '30' });
    try {
      const local = adminKit(() => quick);
      const { stream, streamer: owner } = await local.liveStream('quick');
      const { viewer, socket } = await local.viewerIn(stream.id);
      await grantCoins(quick.db, viewer.user.id, 5);
      await ok(socket, 'send-gift', {
        streamId: stream.id,
        giftId: giftOf(await catalogOf(quick), 5),
        idempotencyKey: randomUUID(),
      });
      const lot = async () =>
        (await quick.db.select().from(beanHolds).where(eq(beanHolds.userId, owner.user.id)))[0];
      await expect.poll(async () => (await lot())?.releasedAt ?? null).toBeInstanceOf(Date);
      expect((await balancesOf(quick.db, owner.user.id)).beans).toBe(5);
      expect(await ledgerMismatches(quick.db)).toEqual([]);
    } finally {
      await quick.close();
    }
  });
});
