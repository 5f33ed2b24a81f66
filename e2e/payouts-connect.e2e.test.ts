import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_WEBHOOK_SECRET,
  type FakeStripe,
  postSignedEvent,
  startFakeStripe,
  stripeEvent,
} from '../backend/src/test/fake-stripe.ts';
import { closeAllSockets, connectSocket, ok } from '../backend/src/test/test-socket.ts';
import {
  accessTokenFrom,
  apiFrom,
  browserAvailable,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
} from './harness.ts';

const ADMIN_EMAIL = 'payouts-boss@example.test';
const ADMIN_PASSWORD = 'a long admin passphrase for payouts';

/** A free loopback port: the account link's return URL is on PUBLIC_URL, so it must be known up front. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

describe.runIf(browserAvailable)('payouts through Stripe Connect in Chromium', { timeout: 180_000 }, () => {
  let fake: FakeStripe;
  let airwave: Awaited<ReturnType<typeof startAirwave>>;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeStripe();
    const port = await freePort();
    airwave = await startAirwave({
      ...fake.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      MIN_PAYOUT_BEANS: '100',
      // The gift beans free up at once: a browser test cannot wait out a hold of days.
      BEAN_HOLD_DAYS: '0',
    });
    fake.connectWebhookUrl = `${airwave.url}/api/payouts/webhook/stripe-connect`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    closeAllSockets();
    await browser?.close();
    await airwave?.stop();
    await fake?.close();
  });

  it('a streamer connects a payout account, earns beans, asks for a payout; the admin approves; the transfer is at Stripe', async () => {
    // 1. The streamer connects a payout account through the (fake) Stripe onboarding.
    const streamer = await newUser(browser, airwave.url);
    await registerThroughUi(streamer.page, 'earner');
    await streamer.page.goto('/dashboard');
    const accountBox = streamer.page.getByTestId('payout-account');
    await expect.poll(() => accountBox.getAttribute('data-status')).toBe('not_connected');
    await expect
      .poll(() => streamer.page.getByRole('button', { name: 'Request payout' }).isDisabled())
      .toBe(true);
    await streamer.page.getByRole('button', { name: 'Connect payout account' }).click();
    await streamer.page.waitForURL((url) => url.pathname.startsWith('/connect/onboarding/'));
    await streamer.page.getByRole('button', { name: 'Complete onboarding' }).click();
    await streamer.page.waitForURL(/\/dashboard\?payoutAccount=return/);
    await expect.poll(() => accountBox.getAttribute('data-status')).toBe('ready');
    expect(fake.connectDeliveries).toEqual([{ type: 'account.updated', status: 200 }]);

    // 2. A viewer buys coins through Stripe Checkout and sends them as gifts in the streamer's stream.
    const stream = await apiFrom(streamer.page, 'web', 'POST', '/api/streams', {
      title: 'Payout e2e',
      category: 'music',
    });
    expect(stream.status).toBe(201);
    const viewer = await newUser(browser, airwave.url);
    await registerThroughUi(viewer.page, 'fan');
    const checkout = await apiFrom(viewer.page, 'web', 'POST', '/api/payments/checkout', {
      packageId: 'coins-500',
      idempotencyKey: randomUUID(),
    });
    expect(checkout.status).toBe(201);
    const sessionId = String(checkout.body.url).split('/').at(-1) ?? '';
    const completed = await postSignedEvent(
      airwave.url,
      '/api/payments/webhook/stripe',
      stripeEvent('checkout.session.completed', fake.pay(sessionId)),
      FAKE_WEBHOOK_SECRET,
    );
    expect(completed.status).toBe(200);
    const token = await accessTokenFrom(viewer.page, 'web');
    const socket = await connectSocket(airwave.url, { token: token ?? '' });
    await ok(socket, 'join-stream', { streamId: String(stream.body.id) });
    const catalog = await apiFrom(viewer.page, 'web', 'GET', '/api/gifts');
    const heart = (catalog.body.items as Array<{ id: string; slug: string }>).find((g) => g.slug === 'heart');
    for (let i = 0; i < 2; i++) {
      await ok(socket, 'send-gift', {
        streamId: String(stream.body.id),
        giftId: heart?.id ?? '',
        count: 99,
        idempotencyKey: randomUUID(),
      });
    }

    // 3. The streamer asks for a payout on the dashboard.
    await streamer.page.goto('/dashboard');
    await expect
      .poll(() => streamer.page.getByTestId('dashboard-withdrawable').innerText(), { timeout: 10_000 })
      .toBe('198');
    await streamer.page.getByPlaceholder('Beans to cash out').fill('150');
    await streamer.page.getByRole('button', { name: 'Request payout' }).click();
    await streamer.page.getByRole('status').filter({ hasText: 'Payout requested' }).waitFor();
    const mine = await apiFrom(streamer.page, 'web', 'GET', '/api/payouts');
    const payout = (mine.body.items as Array<{ id: string; cashCents: number; status: string }>)[0];
    expect(payout).toMatchObject({ status: 'pending', cashCents: 75 });

    // 4. The admin approves it in the admin panel.
    const admin = await newUser(browser, airwave.url);
    await admin.page.goto('/admin');
    await admin.page.getByLabel('Email').fill(ADMIN_EMAIL);
    await admin.page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await admin.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await admin.page.getByRole('link', { name: 'Payouts', exact: true }).click();
    const row = admin.page.locator(`[data-payout-id="${payout?.id}"]`);
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('verified streamer, connect e2e');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await admin.page.getByTestId('toast').filter({ hasText: 'Payout approved.' }).waitFor();

    // 5. Exactly one transfer of the payout's cash reached the streamer's connected account.
    const streamerId = await myId(streamer.page);
    const acct = [...fake.accounts.values()].find((a) => a.metadata.userId === streamerId);
    const transfers = [...fake.transfers.values()].filter((t) => t.metadata.payoutId === payout?.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount: 75, currency: 'usd', destination: acct?.id });
    await streamer.page.goto('/dashboard');
    await expect
      .poll(() => streamer.page.getByTestId('payout-row').first().getAttribute('data-status'))
      .toBe('paid');
    await streamer.page.getByTestId('payout-row').first().filter({ hasText: 'Paid' }).waitFor();
  });
});

async function myId(page: Parameters<typeof accessTokenFrom>[0]) {
  return String((await apiFrom(page, 'web', 'GET', '/api/auth/me')).body.id);
}
