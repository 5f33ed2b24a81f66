import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessTokenFrom,
  apiFrom,
  browserAvailable,
  launchBrowser,
  newUser,
  readableSecrets,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';

type Actor = Awaited<ReturnType<typeof newUser>>;

const ADMIN_EMAIL = 'boss@example.test';
const ADMIN_PASSWORD = 'a long admin passphrase 2026';

/** Confirms the open dialog: a reason (when asked), then its confirm button. */
async function confirmDialog(page: Page, button: string, reason?: string) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (reason) await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe.runIf(browserAvailable)('the admin panel in Chromium', { timeout: 120_000 }, () => {
  let airwave: Awaited<ReturnType<typeof startAirwave>>;
  let browser: Browser;
  let admin: Actor;
  let streamer: Actor;
  let chatter: Actor;
  let viewer: Actor;
  let chatterName = '';
  let streamerName = '';
  let streamUrl = '';

  beforeAll(async () => {
    airwave = await startAirwave({
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      MIN_PAYOUT_BEANS: '100',
      // The bought Guitar's beans free up at once: a browser test cannot wait out a hold of days.
      BEAN_HOLD_DAYS: '0',
    });
    browser = await launchBrowser();
    [admin, streamer, chatter, viewer] = await Promise.all([
      newUser(browser, airwave.url),
      newUser(browser, airwave.url),
      newUser(browser, airwave.url),
      newUser(browser, airwave.url),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await airwave?.stop();
  });

  it('refuses an account that is not staff, and signs an admin in to the dashboard', async () => {
    chatterName = await registerThroughUi(chatter.page, 'chatty');
    await admin.page.goto('/admin');
    await admin.page.waitForURL(/\/admin\/login\?next=%2F$/);
    await admin.page.getByLabel('Email').fill(`${chatterName}@example.test`);
    await admin.page.getByLabel('Password').fill(`a long passphrase ${chatterName}`);
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => admin.page.getByTestId('login-error').innerText())
      .toContain('not an admin or a moderator');

    await admin.page.getByLabel('Email').fill(ADMIN_EMAIL);
    await admin.page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await admin.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await admin.page.getByTestId('stat').first().waitFor();
    expect(await admin.page.getByTestId('stat').count()).toBe(7);
    // The panel's session is its own: the web app in the same browser stays signed out.
    await admin.page.goto('/');
    await admin.page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await admin.page.goto('/admin');
    await admin.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('a streamer goes live; a chatter and a viewer join', async () => {
    streamerName = await registerThroughUi(streamer.page, 'host');
    await streamer.page.goto('/live');
    await streamer.page.getByLabel('Title').fill('Admin e2e stream');
    await streamer.page.getByTestId('go-live').click();
    await streamer.page.getByTestId('live-timer').waitFor();

    await chatter.page.goto('/');
    await chatter.page.getByTestId('stream-card').filter({ hasText: 'Admin e2e stream' }).click();
    await chatter.page.waitForURL(/\/streams\//);
    streamUrl = chatter.page.url();
    await chatter.page.getByLabel('Say something nice').fill('hello before the ban');
    await chatter.page.getByRole('button', { name: 'Send', exact: true }).click();
    await streamer.page.getByTestId('chat-message').filter({ hasText: 'hello before the ban' }).waitFor();

    await registerThroughUi(viewer.page, 'watcher');
    await viewer.page.goto(streamUrl);
    await waitForDecodedVideo(viewer.page);
  });

  it('bans the chatting user: their chat stops working and their session is gone at once', async () => {
    const tokenBefore = await accessTokenFrom(chatter.page, 'web');
    expect(tokenBefore).toBeTruthy();
    await admin.page.getByRole('link', { name: 'Users', exact: true }).click();
    await admin.page.getByLabel('Search users').fill(chatterName);
    await admin.page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => admin.page.getByTestId('user-row').count()).toBe(1);
    await admin.page.getByRole('link', { name: chatterName }).click();
    await admin.page.getByRole('heading', { name: chatterName }).waitFor();
    await admin.page.getByRole('button', { name: 'Ban', exact: true }).click();
    await confirmDialog(admin.page, 'Ban', 'spamming the chat in e2e');
    await admin.page.getByTestId('toast').filter({ hasText: 'User banned' }).waitFor();
    await admin.page.getByTestId('user-banned').waitFor();

    // The access token the web app held is refused straight away…
    const me = await chatter.page.evaluate(
      async (token) =>
        (await fetch('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status,
      tokenBefore,
    );
    expect(me).toBe(401);
    // …and the open page is told at once (session-revoked): it signs out, so the chat box is gone.
    await chatter.page.getByRole('link', { name: 'Sign in to chat' }).waitFor({ timeout: 10_000 });
    await expect(chatter.page.getByLabel('Say something nice').count()).resolves.toBe(0);
    // The refresh cookie is dead too: a reload stays signed out.
    expect(await accessTokenFrom(chatter.page, 'web')).toBeNull();
    expect(await streamer.page.getByTestId('chat-message').filter({ hasText: 'after the ban' }).count()).toBe(
      0,
    );
  });

  it('renames a gift in the catalog; the web GiftPanel shows the new name', async () => {
    await admin.page.getByRole('link', { name: 'Catalog', exact: true }).click();
    await admin.page.getByRole('button', { name: 'Edit Rose' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Rose Deluxe');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await admin.page.getByTestId('toast').filter({ hasText: 'Rose Deluxe saved.' }).waitFor();
    await admin.page.getByTestId('gift-row').filter({ hasText: 'Rose Deluxe' }).waitFor();

    await viewer.page.reload();
    await expect.poll(() => viewer.page.getByTestId('gift-rose').innerText()).toContain('Rose Deluxe');

    // Bought coins make withdrawable beans (the payout below needs some; granted ones never are).
    const checkout = await apiFrom(viewer.page, 'web', 'POST', '/api/payments/checkout', {
      packageId: 'coins-500',
      idempotencyKey: 'e2e-admin-coins-0001',
    });
    expect(checkout.status).toBe(201);
    const paymentId = String((checkout.body.payment as { id: string }).id);
    expect(
      (await apiFrom(viewer.page, 'web', 'POST', '/api/payments/dev/complete', { paymentId })).status,
    ).toBe(200);
    await viewer.page.reload();
    await viewer.page.getByTestId('gift-guitar').click();
    await viewer.page.getByTestId('send-gift').click();
    await streamer.page.getByTestId('gift-pop').filter({ hasText: 'Guitar' }).waitFor();
  });

  it('force-ends the stream; the viewer sees it end', async () => {
    await admin.page.getByRole('link', { name: 'Streams', exact: true }).click();
    const row = admin.page.getByTestId('stream-row').filter({ hasText: 'Admin e2e stream' });
    await row.getByRole('button', { name: 'End stream' }).click();
    await confirmDialog(admin.page, 'End stream', 'breaking the rules in e2e');
    await admin.page.getByTestId('toast').filter({ hasText: 'Stream ended.' }).waitFor();
    await expect
      .poll(() => viewer.page.getByTestId('player').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('ended');
    await expect.poll(() => admin.page.getByTestId('stream-row').count()).toBe(0);
    await admin.page.getByText('No streams here.').waitFor();
  });

  it('approves a payout: the streamer’s held beans are paid out', async () => {
    const streamerId = String((await apiFrom(streamer.page, 'web', 'GET', '/api/auth/me')).body.id);
    const adjusted = await apiFrom(
      admin.page,
      'admin',
      'POST',
      `/api/admin/users/${streamerId}/adjust-balance`,
      {
        account: 'beans',
        delta: 500,
        reason: 'seed beans for the payout e2e',
      },
    );
    expect(adjusted.status).toBe(200);
    // 299 beans from the bought Guitar can be paid out; the 500 granted ones cannot.
    const tooMuch = await apiFrom(streamer.page, 'web', 'POST', '/api/payouts', {
      beans: 300,
      idempotencyKey: 'e2e-payout-0000',
    });
    expect(tooMuch.status).toBe(402);
    const requested = await apiFrom(streamer.page, 'web', 'POST', '/api/payouts', {
      beans: 200,
      idempotencyKey: 'e2e-payout-0001',
    });
    expect(requested.status).toBe(201);
    const payoutId = String(requested.body.id);

    await admin.page.getByRole('link', { name: 'Payouts', exact: true }).click();
    const row = admin.page.locator(`[data-payout-id="${payoutId}"]`);
    await row.getByRole('button', { name: 'Approve' }).click();
    await confirmDialog(admin.page, 'Approve', 'verified streamer, e2e');
    await admin.page.getByTestId('toast').filter({ hasText: 'Payout approved.' }).waitFor();
    await row.waitFor({ state: 'detached' });

    const mine = await apiFrom(streamer.page, 'web', 'GET', '/api/payouts');
    const items = mine.body.items as Array<{ id: string; status: string }>;
    expect(items.find((p) => p.id === payoutId)?.status).toBe('approved');
    const me = await apiFrom(streamer.page, 'web', 'GET', '/api/auth/me');
    expect(me.body.beans).toBe(599);
    // The creator dashboard tells the two kinds of beans apart.
    await streamer.page.goto('/dashboard');
    await expect.poll(() => streamer.page.getByTestId('dashboard-withdrawable').innerText()).toBe('99');
    await streamer.page.getByTestId('dashboard-promo-beans').filter({ hasText: '500 beans' }).waitFor();

    // The admin reads the streamer's whole journal on their user page: the grant, the payout hold.
    await admin.page.goto(`/admin/users/${streamerId}`);
    const journal = admin.page.getByTestId('journal-table');
    await journal.getByText('seed beans for the payout e2e').waitFor();
    await journal.getByText('Payout requested').first().waitFor();
    await journal.getByText('Gift received').first().waitFor();
  });

  it('the ledger page shows the books balanced after all that, and says why there is nothing to reconcile', async () => {
    await admin.page.getByRole('link', { name: 'Ledger', exact: true }).click();
    const state = admin.page.getByTestId('books-state');
    await state.waitFor();
    expect(await state.getAttribute('data-balanced')).toBe('true');
    await expect(state.innerText()).resolves.toContain('Balanced');
    // The approved payout's cash is owed: payouts payable holds it as a credit.
    const payable = admin.page
      .getByTestId('trial-balance-table')
      .locator('tr', { hasText: 'platform:payouts_payable' });
    await payable.first().waitFor();
    // The dev payment provider has no Stripe account: the page says so instead of offering the button.
    await admin.page
      .getByTestId('reconciliation-unavailable')
      .filter({ hasText: 'nothing to reconcile' })
      .waitFor();
    expect(await admin.page.getByRole('button', { name: 'Reconcile now' }).count()).toBe(0);
  });

  it('the audit log shows all four actions, and filters by prefix', async () => {
    await admin.page.getByRole('link', { name: 'Audit log' }).click();
    for (const action of ['user.ban', 'gift.update', 'stream.end', 'payout.approve']) {
      await admin.page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first().waitFor();
    }
    const ban = admin.page.locator('[data-testid="audit-row"][data-action="user.ban"]');
    await expect(ban.innerText()).resolves.toContain('spamming the chat in e2e');
    const gift = admin.page.locator('[data-testid="audit-row"][data-action="gift.update"]');
    await expect(gift.innerText()).resolves.toContain('Rose Deluxe');

    await admin.page.getByLabel('Action', { exact: true }).fill('user.');
    await admin.page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(
        async () =>
          new Set(
            await admin.page
              .getByTestId('audit-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
          ),
      )
      .toEqual(new Set(['user.ban', 'user.adjust-balance']));
  });

  it('has no serious accessibility violations, works at phone size, and logs no console errors', async () => {
    const scan = async (page: Page) => {
      const result = await new AxeBuilder({ page }).analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    for (const [path, ready] of [
      ['/admin', 'stat'],
      ['/admin/users', 'user-row'],
      ['/admin/audit', 'audit-row'],
      ['/admin/catalog', 'gift-row'],
      ['/admin/ledger', 'books-state'],
    ] as const) {
      await admin.page.goto(path);
      await admin.page.getByTestId(ready).first().waitFor();
      expect(await scan(admin.page), path).toEqual([]);
    }

    const phone = await newUser(browser, airwave.url, { width: 390, height: 844 });
    // A crafted ?next= that a browser reads as another host lands on the dashboard instead.
    await phone.page.goto(`/admin/login?next=${encodeURIComponent('/\\evil.example/x')}`);
    await phone.page.getByLabel('Email').fill(ADMIN_EMAIL);
    await phone.page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByTestId('stat').first().waitFor();
    expect(new URL(phone.page.url()).origin).toBe(new URL(airwave.url).origin);
    expect(new URL(phone.page.url()).pathname).toBe('/admin');
    // Nothing a script could steal, before and after a reload that restores the session.
    expect(await readableSecrets(phone.page)).toEqual([]);
    await phone.page.reload();
    await phone.page.getByTestId('stat').first().waitFor();
    expect(await readableSecrets(phone.page)).toEqual([]);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.getByRole('button', { name: 'Menu' }).click();
    await phone.page.getByRole('link', { name: 'Users', exact: true }).click();
    await phone.page.getByTestId('user-row').first().waitFor();
    expect(await scan(phone.page)).toEqual([]);
    // The streamer's page: it has every section filled, the list of their streams included.
    await phone.page
      .getByTestId('user-row')
      .filter({ hasText: streamerName })
      .getByRole('link')
      .first()
      .click();
    await phone.page.getByTestId('recent-streams').waitFor();
    // The force-ended stream says why in words, not as the stored code.
    expect(await phone.page.getByTestId('recent-streams').innerText()).toContain('Ended by a moderator');
    await phone.page.getByTestId('journal-table').waitFor();
    expect(await scan(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: '/tmp/limits-admin-journal-phone.png', fullPage: true });

    for (const actor of [admin, phone]) expect(actor.consoleErrors).toEqual([]);
  });
});
