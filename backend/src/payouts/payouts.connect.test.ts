import { randomUUID } from 'node:crypto';
import type {
  ApiErrorResponse,
  AuthResponse,
  Payout,
  PayoutAccount,
  PayoutOnboardingLink,
  Wallet,
} from '@airwave/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ledgerEntries, payouts } from '../db/schema/index.ts';
import { checkBooks } from '../ledger/ledger-admin.service.ts';
import {
  connectEvent,
  deliver,
  deliverConnect,
  type FakeStripe,
  startFakeStripe,
  stripeEvent,
} from '../test/fake-stripe.ts';
import { creditBeans, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
let fake: FakeStripe;
let admin: AuthResponse;
const RETRY_MS = 400;
beforeAll(async () => {
  fake = await startFakeStripe();
  s = await startTestServer({
    ...fake.env,
    MIN_PAYOUT_BEANS: '50',
    PAYOUT_RETRY_INTERVAL_MS: String(RETRY_MS),
  });
  fake.connectWebhookUrl = `${s.url}/api/payouts/webhook/stripe-connect`;
  admin = await s.registerWithRole('admin');
});
afterAll(async () => {
  await s.close();
  await fake.close();
});

type Result<T> = T & ApiErrorResponse;
const account = (u: AuthResponse) =>
  s.api<Result<PayoutAccount>>('GET', '/api/payouts/account', { token: u.accessToken });
const onboard = (u: AuthResponse) =>
  s.api<Result<PayoutOnboardingLink>>('POST', '/api/payouts/account/onboarding', { token: u.accessToken });
const request = (u: AuthResponse, beans: number) =>
  s.api<Result<Payout>>('POST', '/api/payouts', {
    token: u.accessToken,
    body: { beans, idempotencyKey: randomUUID() },
  });
const approve = (id: string) =>
  s.api<Result<Payout>>('POST', `/api/admin/payouts/${id}/approve`, {
    token: admin.accessToken,
    body: { reason: 'verified' },
  });
const wallet = async (u: AuthResponse) =>
  (await s.api<Wallet>('GET', '/api/wallet', { token: u.accessToken })).body;
const payoutRow = async (id: string) => (await s.db.select().from(payouts).where(eq(payouts.id, id)))[0];
const reversalRows = (id: string) =>
  s.db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.reference, id), eq(ledgerEntries.kind, 'payout_reversal')));
const transfersFor = (payoutId: string) =>
  [...fake.transfers.values()].filter((t) => t.metadata.payoutId === payoutId);

/** Follows the account link like a browser: the fake's page, then its form, back to our return URL. */
async function completeOnboarding(url: string) {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Complete onboarding');
  return fetch(url, { method: 'POST', redirect: 'manual' });
}

/** A streamer with a ready payout account and `beans` withdrawable beans. */
async function connectedStreamer(beans = 200) {
  const u = await s.register();
  const link = await onboard(u);
  await completeOnboarding(link.body.url);
  expect((await account(u)).body.status).toBe('ready');
  await creditBeans(s.db, u.user.id, beans);
  const acct = [...fake.accounts.values()].find((a) => a.metadata.userId === u.user.id);
  if (!acct) throw new Error('no account at the fake');
  return { u, acct: acct.id };
}

async function paidPayout(beans = 100) {
  const { u, acct } = await connectedStreamer(beans);
  const asked = await request(u, beans);
  expect(asked.status).toBe(201);
  const paid = await approve(asked.body.id);
  expect(paid.body.status).toBe('paid');
  const row = await payoutRow(asked.body.id);
  if (!row?.transferId || !row.stripePayoutId) throw new Error('not paid');
  return { u, acct, payout: paid.body, transferId: row.transferId, stripePayoutId: row.stripePayoutId };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A platform account's balance (debits minus credits) in one unit, from the trial balance. */
async function platformBalance(db: TestServer['db'], account: string, unit: string) {
  const { rows } = await checkBooks(db);
  return rows.find((r) => r.account === account && r.unit === unit)?.balance ?? 0;
}

describe('payout account (Stripe Connect Express)', () => {
  it('not connected → onboarding (what is missing) → ready through the onboarding page and account.updated', async () => {
    const u = await s.register();
    expect((await account(u)).body).toMatchObject({ provider: 'stripe', status: 'not_connected' });
    const refused = await request(u, 60);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'PAYOUTS_NOT_ENABLED',
      details: { accountStatus: 'not_connected', currentlyDue: [] },
    });

    // Two clicks at once open one Stripe account (one idempotency key per user, one row per user).
    const [a, b] = await Promise.all([onboard(u), onboard(u)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const mine = [...fake.accounts.values()].filter((x) => x.metadata.userId === u.user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      type: 'express',
      country: 'US',
      email: u.user.email,
      settings: { payouts: { schedule: { interval: 'manual' } } },
    });
    expect(a.body.url).toContain(`/connect/onboarding/${mine[0]?.id}`);
    expect(new URL(a.body.url).searchParams.get('return_url')).toMatch(/\/dashboard\?payoutAccount=return$/);

    const pending = (await account(u)).body;
    expect(pending.status).toBe('onboarding');
    expect(pending.currentlyDue).toContain('external_account');
    const stillRefused = await request(u, 60);
    expect(stillRefused.body.error).toMatchObject({
      code: 'PAYOUTS_NOT_ENABLED',
      details: { accountStatus: 'onboarding' },
    });

    const done = await completeOnboarding(a.body.url);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/payoutAccount=return/);
    expect(fake.connectDeliveries.at(-1)).toEqual({ type: 'account.updated', status: 200 });
    expect((await account(u)).body).toMatchObject({
      status: 'ready',
      payoutsEnabled: true,
      detailsSubmitted: true,
      currentlyDue: [],
      disabledReason: null,
    });
  });

  it('account.updated: replay is a duplicate, an older event arriving late changes nothing, bad signatures are refused', async () => {
    const { u, acct } = await connectedStreamer(0);
    const stale = connectEvent(
      'account.updated',
      { ...fake.accounts.get(acct), payouts_enabled: false, requirements: { currently_due: ['x'] } },
      acct,
    );
    stale.created -= 3600;
    expect((await deliverConnect(s, stale)).body).toEqual({ received: true, duplicate: false });
    expect((await deliverConnect(s, stale)).body).toEqual({ received: true, duplicate: true });
    expect((await account(u)).body.status).toBe('ready');

    const disabled = connectEvent(
      'account.updated',
      {
        ...fake.accounts.get(acct),
        payouts_enabled: false,
        requirements: {
          currently_due: ['individual.verification.document'],
          disabled_reason: 'requirements.past_due',
        },
      },
      acct,
    );
    disabled.created += 5;
    // Signed with the platform endpoint's secret, not the Connect one: refused, nothing changes.
    const wrongSecret = await deliverConnect(s, disabled, { secret: 'whsec_airwave_fake_secret' });
    expect(wrongSecret.status).toBe(400);
    expect((await deliverConnect(s, disabled, { tamper: true })).status).toBe(400);
    expect((await deliverConnect(s, disabled, { signature: null })).status).toBe(400);
    expect((await account(u)).body.status).toBe('ready');

    expect((await deliverConnect(s, disabled)).status).toBe(200);
    expect((await account(u)).body).toMatchObject({
      status: 'onboarding',
      currentlyDue: ['individual.verification.document'],
      disabledReason: 'requirements.past_due',
    });
  });
});

describe('approval pays through a transfer', () => {
  it('approve → exactly one transfer (amount = cashCents) and one bank payout at the fake; audited', async () => {
    const { u, acct } = await connectedStreamer(150);
    const asked = await request(u, 150);
    expect(asked.body).toMatchObject({ status: 'pending', cashCents: 75 });
    const paid = await approve(asked.body.id);
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    const transfers = transfersFor(asked.body.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      object: 'transfer',
      amount: 75,
      currency: 'usd',
      destination: acct,
      transfer_group: `payout_${asked.body.id}`,
    });
    expect(paid.body.transferId).toBe(transfers[0]?.id);
    const sent = fake.transferRequests.filter((r) => r.form['metadata[payoutId]'] === asked.body.id);
    expect(sent.map((r) => r.idempotencyKey)).toEqual([`airwave-transfer-${asked.body.id}`]);
    const bank = [...fake.payouts.values()].filter((p) => p.metadata.payoutId === asked.body.id);
    expect(bank).toHaveLength(1);
    expect(bank[0]).toMatchObject({ account: acct, amount: 75 });

    const audits = await s.db.select().from(auditLog).where(eq(auditLog.targetId, asked.body.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['payout.approve', 'payout.paid']);
    expect(await wallet(u)).toMatchObject({ beans: 0, pendingPayoutBeans: 0 });
    // Approving a paid payout again pays nothing more; rejecting it is a conflict.
    expect((await approve(asked.body.id)).body.status).toBe('paid');
    const reject = await s.api<ApiErrorResponse>('POST', `/api/admin/payouts/${asked.body.id}/reject`, {
      token: admin.accessToken,
      body: { reason: 'too late' },
    });
    expect(reject.status).toBe(409);
    expect(transfersFor(asked.body.id)).toHaveLength(1);
    expect(await ledgerMismatches(s.db)).toEqual([]);
    // The cash owed since the approval was paid by the transfer: nothing left payable.
    expect(await platformBalance(s.db, 'platform:payouts_payable', 'usd')).toBe(0);
  });

  it('the approval clicked twice at once: one transfer, one bank payout', async () => {
    const { u } = await connectedStreamer(100);
    const asked = await request(u, 100);
    const results = await Promise.all([
      approve(asked.body.id),
      approve(asked.body.id),
      approve(asked.body.id),
    ]);
    for (const r of results) expect(r.status).toBe(200);
    const final = await until(
      () => payoutRow(asked.body.id),
      (r) => r?.status === 'paid',
    );
    expect(final?.status).toBe('paid');
    expect(transfersFor(asked.body.id)).toHaveLength(1);
    expect([...fake.payouts.values()].filter((p) => p.metadata.payoutId === asked.body.id)).toHaveLength(1);
    const approvals = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, asked.body.id), eq(auditLog.action, 'payout.approve')));
    expect(approvals).toHaveLength(1);
  });

  it('a transfer call that times out after Stripe made it is retried with the same key: one transfer', async () => {
    const { u } = await connectedStreamer(100);
    const asked = await request(u, 100);
    fake.dropTransferResponses = 1; // the SDK's own retry gets Stripe's saved answer
    const paid = await approve(asked.body.id);
    expect(paid.body.status).toBe('paid');
    const sent = fake.transferRequests.filter((r) => r.form['metadata[payoutId]'] === asked.body.id);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((r) => r.idempotencyKey))).toEqual(
      new Set([`airwave-transfer-${asked.body.id}`]),
    );
    expect(transfersFor(asked.body.id)).toHaveLength(1);
    expect(paid.body.transferId).toBe(transfersFor(asked.body.id)[0]?.id);
  });

  it('every answer lost (as if we crashed after Stripe acted): stays paying, the retry job finishes it, one transfer', async () => {
    const { u } = await connectedStreamer(100);
    const asked = await request(u, 100);
    fake.dropTransferResponses = 1000; // every try, the SDK's retries and the retry job's
    const first = await approve(asked.body.id);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('paying');
    expect(transfersFor(asked.body.id)).toHaveLength(1); // Stripe made it; we never heard
    const row = await payoutRow(asked.body.id);
    expect(row?.transferId).toBeNull();
    expect(row?.lastError).toBeTruthy();
    // The admin panel lists it as still being paid, with the tries and why the last one failed.
    const listed = await s.api<{
      items: Array<{ id: string; status: string; attempts: number; lastError: string | null }>;
    }>('GET', '/api/admin/payouts', { token: admin.accessToken });
    const mine = listed.body.items.find((p) => p.id === asked.body.id);
    expect(mine).toMatchObject({ status: 'paying' });
    expect(mine?.attempts).toBeGreaterThanOrEqual(1);
    expect(mine?.lastError).toBeTruthy();
    fake.dropTransferResponses = 0; // Stripe's answers get through again
    const paid = await until(
      () => payoutRow(asked.body.id),
      (r) => r?.status === 'paid',
    );
    expect(paid?.status).toBe('paid');
    expect(paid?.transferId).toBe(transfersFor(asked.body.id)[0]?.id);
    expect(transfersFor(asked.body.id)).toHaveLength(1);
    expect(paid?.attempts).toBeGreaterThanOrEqual(2);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('approval is refused while the account cannot receive payouts; the payout stays pending', async () => {
    const { u, acct } = await connectedStreamer(100);
    const asked = await request(u, 100);
    const off = connectEvent('account.updated', { ...fake.accounts.get(acct), payouts_enabled: false }, acct);
    off.created += 10;
    await deliverConnect(s, off);
    const refused = await approve(asked.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PAYOUTS_NOT_ENABLED');
    expect((await payoutRow(asked.body.id))?.status).toBe('pending');
    expect(transfersFor(asked.body.id)).toHaveLength(0);
  });
});

describe('money coming back', () => {
  it('transfer.reversed: beans back once, also when replayed and delivered concurrently', async () => {
    const { u, payout, transferId } = await paidPayout(100);
    expect((await wallet(u)).beans).toBe(0);
    const event = stripeEvent('transfer.reversed', fake.reverseTransfer(transferId));
    const bad = await deliver(s, event, { tamper: true });
    expect(bad.status).toBe(400);
    expect((await wallet(u)).beans).toBe(0);

    const results = await Promise.all([deliver(s, event), deliver(s, event), deliver(s, event)]);
    for (const r of results) expect(r.status).toBe(200);
    expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect((await deliver(s, event)).body.duplicate).toBe(true);
    // The same reversal told again under another event id (Stripe may): still once.
    expect(
      (await deliver(s, stripeEvent('transfer.reversed', fake.reverseTransfer(transferId)))).status,
    ).toBe(200);

    expect((await wallet(u)).beans).toBe(100);
    const rows = await reversalRows(payout.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ delta: 100, account: 'beans' });
    expect(rows[0]?.reason).toContain(transferId);
    const row = await payoutRow(payout.id);
    expect(row).toMatchObject({ status: 'reversed' });
    expect(row?.reversalReason).toContain(transferId);
    const history = await s.api<{ items: Array<{ kind: string; delta: number }> }>(
      'GET',
      '/api/wallet/history?account=beans',
      { token: u.accessToken },
    );
    expect(history.body.items[0]).toMatchObject({ kind: 'payout_reversal', delta: 100 });
    expect(await ledgerMismatches(s.db)).toEqual([]);
    // The cash came back: Stripe clearing is where it was before the payout, nothing is payable.
    expect(await platformBalance(s.db, 'platform:payouts_payable', 'usd')).toBe(0);
    const journal = await s.db.execute(
      sql`SELECT kind FROM journal_entries WHERE payout_id = ${payout.id} OR reference = ${payout.id} ORDER BY id`,
    );
    expect((journal as unknown as { rows: Array<{ kind: string }> }).rows.map((r) => r.kind)).toEqual([
      'payout_hold',
      'payout_approve',
      'payout_paid',
      'payout_reversal',
    ]);
  });

  it('transfer.reversed before our own record of the transfer: beans back once, the retry pays nothing more', async () => {
    const { u } = await connectedStreamer(100);
    const asked = await request(u, 100);
    fake.dropTransferResponses = 1000;
    expect((await approve(asked.body.id)).body.status).toBe('paying');
    const [transfer] = transfersFor(asked.body.id);
    if (!transfer) throw new Error('no transfer');
    const event = stripeEvent('transfer.reversed', fake.reverseTransfer(transfer.id));
    expect((await deliver(s, event)).status).toBe(200);
    expect((await payoutRow(asked.body.id))?.status).toBe('reversed');
    expect((await payoutRow(asked.body.id))?.transferId).toBe(transfer.id);
    fake.dropTransferResponses = 0;
    // Long enough for the retry job to have passed over it.
    await new Promise((r) => setTimeout(r, RETRY_MS * 3));
    expect((await payoutRow(asked.body.id))?.status).toBe('reversed');
    expect([...fake.payouts.values()].filter((p) => p.metadata.payoutId === asked.body.id)).toHaveLength(0);
    expect((await approve(asked.body.id)).status).toBe(409);
    expect((await wallet(u)).beans).toBe(100);
    expect(await reversalRows(asked.body.id)).toHaveLength(1);
    expect(transfersFor(asked.body.id)).toHaveLength(1);
  });

  it('a partial reversal returns nothing (left to an admin)', async () => {
    const { u, transferId } = await paidPayout(100);
    const transfer = structuredClone(fake.transfers.get(transferId));
    if (!transfer) throw new Error('no transfer');
    const partial = { ...transfer, amount_reversed: 10, reversed: false };
    expect((await deliver(s, stripeEvent('transfer.reversed', partial))).status).toBe(200);
    expect((await wallet(u)).beans).toBe(0);
  });

  it('payout.failed on the connected account: the transfer is reversed at Stripe and the beans come back once', async () => {
    const { u, acct, payout, transferId, stripePayoutId } = await paidPayout(120);
    const failed = connectEvent('payout.failed', fake.failPayout(stripePayoutId), acct);
    const results = await Promise.all([deliverConnect(s, failed), deliverConnect(s, failed)]);
    for (const r of results) expect(r.status).toBe(200);
    expect((await deliverConnect(s, failed)).body.duplicate).toBe(true);
    expect((await wallet(u)).beans).toBe(120);
    const transfer = fake.transfers.get(transferId);
    expect(transfer).toMatchObject({ reversed: true, amount_reversed: 60 });
    expect(transfer?.reversals.data).toHaveLength(1);
    const rows = await reversalRows(payout.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).toContain('account_closed');

    // The transfer.reversed that our reversal makes Stripe send changes nothing more.
    expect((await deliver(s, stripeEvent('transfer.reversed', structuredClone(transfer)))).status).toBe(200);
    expect((await wallet(u)).beans).toBe(120);
    expect(await reversalRows(payout.id)).toHaveLength(1);
    expect(await ledgerMismatches(s.db)).toEqual([]);
  });

  it('payout.failed naming another account, or sent as a platform event, returns nothing', async () => {
    const { u, acct, stripePayoutId } = await paidPayout(100);
    const { acct: other } = await connectedStreamer(0);
    const failedPayout = fake.failPayout(stripePayoutId);
    expect((await deliverConnect(s, connectEvent('payout.failed', failedPayout, other))).status).toBe(200);
    // Without `account` it is the platform's own payout, nothing of a streamer's.
    expect((await deliverConnect(s, stripeEvent('payout.failed', failedPayout))).status).toBe(200);
    expect((await wallet(u)).beans).toBe(0);
    void acct;
  });

  it('refuses a signed event without the fields it needs as bad input', async () => {
    const res = await deliver(s, stripeEvent('transfer.reversed', { id: 'tr_x', object: 'transfer' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});
