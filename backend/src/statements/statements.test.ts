import { randomUUID } from 'node:crypto';
import type {
  ApiErrorResponse,
  AuthResponse,
  CheckoutResponse,
  JournalPage,
  ReceiptList,
} from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settleStreamer } from '../ledger/bean-settler.ts';
import { postLedgerEntry } from '../ledger/ledger.repository.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { grantCoins } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, ok } from '../test/test-socket.ts';

let s: TestServer;
let giftIds: Map<number, string>;
const kit = adminKit(() => s);
beforeAll(async () => {
  // No settler of its own: the test settles when it wants "pending" to turn "settled".
  s = await startTestServer({ GIFT_RATE_POINTS: '100000', BEAN_SETTLE_INTERVAL_MS: '60000' });
  const catalog = (await s.api<{ items: Array<{ id: string; costCoins: number }> }>('GET', '/api/gifts')).body
    .items;
  giftIds = new Map(catalog.map((g) => [g.costCoins, g.id]));
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const today = () => new Date().toISOString().slice(0, 10);
const statement = (user: AuthResponse | undefined, query: string) =>
  s.api<string & ApiErrorResponse>('GET', `/api/wallet/statement${query}`, { token: user?.accessToken });
const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);

async function giftedStream() {
  const { streamer, stream } = await kit.liveStream('statement');
  const { viewer, socket } = await kit.viewerIn(stream.id);
  await grantCoins(s.db, viewer.user.id, 100);
  for (const cost of [1, 5]) {
    const giftId = giftIds.get(cost);
    if (!giftId) throw new Error(`no ${cost}-coin gift`);
    await ok(socket, 'send-gift', { streamId: stream.id, giftId, idempotencyKey: randomUUID() });
  }
  return { streamer, viewer, stream };
}

describe('CSV statement', () => {
  it('lists each gift received with time, sender, coins and beans, pending then available, and the hold released', async () => {
    const { streamer, viewer } = await giftedStream();
    const res = await statement(streamer, `?from=${today()}&to=${today()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="airwave-statement-${today()}-${today()}.csv"`,
    );
    const rows = rowsOf(res.body);
    expect(rows[0]).toBe('time_utc,type,status,from,coins,beans,promo_beans,reference,note');
    expect(rows).toHaveLength(4);
    for (const [i, cost] of [1, 5].entries()) {
      const cells = rows[i + 1]?.split(',') ?? [];
      expect(Date.parse(cells[0] ?? '')).toBeGreaterThan(Date.now() - 60_000);
      expect(cells.slice(1, 7)).toEqual([
        'gift',
        'pending',
        viewer.user.nickname,
        String(cost),
        String(cost),
        '0',
      ]);
    }
    expect(rows[3]).toBe(`total,,,,,6,,,${today()}..${today()}`);

    // No hold on this server: settling frees the lot at once, and the release is a row of its own
    // that the total does not count twice.
    await s.db.transaction((tx) => settleStreamer(tx, 0, streamer.user.id));
    const settled = rowsOf((await statement(streamer, `?from=${today()}&to=${today()}`)).body);
    expect(settled.slice(1, 3).map((r) => r.split(',')[2])).toEqual(['available', 'available']);
    expect(settled[3]?.split(',').slice(1, 7)).toEqual(['hold released', 'available', '', '', '6', '0']);
    expect(settled[3]?.split(',')[7]).toMatch(/^hold:\d+$/);
    expect(settled[4]).toBe(`total,,,,,6,,,${today()}..${today()}`);
    // The sender's own statement has no beans from this; a period before it is empty.
    expect(rowsOf((await statement(viewer, `?from=${today()}&to=${today()}`)).body)).toHaveLength(2);
    expect(rowsOf((await statement(streamer, '?from=2020-01-01&to=2020-12-31')).body)).toEqual([
      'time_utc,type,status,from,coins,beans,promo_beans,reference,note',
      'total,,,,,0,,,2020-01-01..2020-12-31',
    ]);
  });

  it('payouts and adjustments are in it, and text a spreadsheet would run is defused', async () => {
    const streamer = await s.register();
    await s.db.transaction((tx) =>
      postLedgerEntry(tx, {
        userId: streamer.user.id,
        account: 'beans',
        delta: 20_000,
        kind: 'admin_adjust',
        reason: '=HYPERLINK("http://evil.test","click")',
      }),
    );
    const payout = await s.api('POST', '/api/payouts', {
      token: streamer.accessToken,
      body: { beans: 10_000, idempotencyKey: randomUUID() },
    });
    expect(payout.status).toBe(201);
    const rows = rowsOf((await statement(streamer, `?from=${today()}&to=${today()}`)).body);
    expect(rows[1]).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(rows[1]?.split(',').slice(1, 6)).toEqual(['adjustment', 'settled', '', '', '20000']);
    expect(rows[2]?.split(',').slice(1, 6)).toEqual(['payout requested', 'settled', '', '', '-10000']);
    expect(rows.at(-1)).toContain(',10000,');
  });

  it('refuses a bad period with 400 and needs sign-in', async () => {
    const user = await s.register();
    for (const query of [
      '',
      '?from=2026-01-01',
      '?from=2026-02-01&to=2026-01-01',
      '?from=2024-01-01&to=2026-01-01',
      '?from=2026-13-01&to=2026-12-01',
      '?from=yesterday&to=today',
      '?from=2026-01-01&to=2026-01-02&userId=x',
    ]) {
      const res = await statement(user, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await statement(undefined, `?from=${today()}&to=${today()}`)).status).toBe(401);
  });
});

describe('receipts', () => {
  it('shows the buyer their purchases with the provider reference, and nobody else’s', async () => {
    const buyer = await s.register();
    const started = await s.api<CheckoutResponse>('POST', '/api/payments/checkout', {
      token: buyer.accessToken,
      body: { packageId: 'coins-500', idempotencyKey: randomUUID() },
    });
    await s.api('POST', '/api/payments/dev/complete', {
      token: buyer.accessToken,
      body: { paymentId: started.body.payment.id },
    });
    const mine = await s.api<ReceiptList>('GET', '/api/payments/receipts', { token: buyer.accessToken });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      {
        id: started.body.payment.id,
        createdAt: started.body.payment.createdAt,
        packageId: 'coins-500',
        coins: 525,
        amountCents: 499,
        currency: 'usd',
        status: 'completed',
        provider: 'dev',
        reference: `dev_${started.body.payment.id}`,
      },
    ]);
    const other = await s.register();
    expect(
      (await s.api<ReceiptList>('GET', '/api/payments/receipts', { token: other.accessToken })).body.items,
    ).toEqual([]);
    expect((await s.api('GET', '/api/payments/receipts')).status).toBe(401);
  });
});

describe("the admin's journal of a user", () => {
  it('pages through every ledger row of the user, newest first, with the keyset cursor', async () => {
    const admin = await s.registerWithRole('admin');
    const { viewer } = await giftedStream();
    const url = `/api/admin/users/${viewer.user.id}/journal`;
    const first = await s.api<JournalPage>('GET', `${url}?limit=2`, { token: admin.accessToken });
    expect(first.status).toBe(200);
    expect(first.body.items.map((e) => [e.kind, e.delta])).toEqual([
      ['gift_sent', -5],
      ['gift_sent', -1],
    ]);
    expect(first.body.items[0]?.giftId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await s.api<JournalPage>('GET', `${url}?limit=2&cursor=${first.body.nextCursor}`, {
      token: admin.accessToken,
    });
    // The test's coin grant came first.
    expect(second.body.items.map((e) => [e.kind, e.delta])).toEqual([['grant', 100]]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('is admin-only and validates its input', async () => {
    const admin = await s.registerWithRole('admin');
    const moderator = await s.registerWithRole('moderator');
    const user = await s.register();
    const url = `/api/admin/users/${user.user.id}/journal`;
    expect((await s.api('GET', url, { token: user.accessToken })).status).toBe(403);
    expect((await s.api('GET', url, { token: moderator.accessToken })).status).toBe(403);
    expect((await s.api('GET', url)).status).toBe(401);
    // Even a user's own journal goes through their wallet history, not the admin route.
    expect((await s.api('GET', url, { token: user.accessToken })).status).toBe(403);
    for (const bad of [
      `${url}?limit=0`,
      `${url}?limit=500`,
      `${url}?cursor=abc!`,
      `${url}?cursor=zzz`,
      `${url}?x=1`,
    ]) {
      expect((await s.api('GET', bad, { token: admin.accessToken })).status, bad).toBe(400);
    }
    expect(
      (await s.api('GET', '/api/admin/users/not-an-id/journal', { token: admin.accessToken })).status,
    ).toBe(400);
    const missing = await s.api<ApiErrorResponse>('GET', `/api/admin/users/${randomUUID()}/journal`, {
      token: admin.accessToken,
    });
    expect(missing.status).toBe(404);
  });
});
