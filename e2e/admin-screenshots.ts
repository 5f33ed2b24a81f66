// Takes the admin panel's screenshots for the README/docs from a real run: `npm run screenshots`
// (needs Chromium and both builds). Demo data, a live stream with chat and gifts, a few admin actions.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiFrom, launchBrowser, newUser, startAirwave } from './harness.ts';

const out = path.resolve(import.meta.dirname, '../docs/screenshots');
mkdirSync(out, { recursive: true });

async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function confirm(page: Page, button: string, reason: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Closes the result toasts so they do not cover the screenshots. */
async function clearToasts(page: Page) {
  const toasts = page.getByTestId('toast');
  while ((await toasts.count()) > 0) await toasts.first().getByRole('button').click();
}

const airwave = await startAirwave({ DEMO_DATA: 'true', MIN_PAYOUT_BEANS: '100' });
const browser = await launchBrowser();
try {
  const host = await newUser(browser, airwave.url);
  await login(host.page, 'streamer@airwave.local', 'demo-streamer-2026');
  await host.page.goto('/live');
  await host.page.getByLabel('Title').fill('Friday night synth jam 🎹');
  await host.page.getByLabel('Category').selectOption('music');
  await host.page.getByTestId('go-live').click();
  await host.page.getByTestId('live-timer').waitFor();

  const fan = await newUser(browser, airwave.url);
  await login(fan.page, 'viewer@airwave.local', 'demo-viewer-2026');
  await fan.page.goto('/');
  await fan.page.getByTestId('stream-card').first().click();
  await fan.page.getByTestId('gift-panel').waitFor();
  for (const text of ['hey! first time here 👋', 'that bassline 🔥']) {
    await fan.page.getByLabel('Say something nice').fill(text);
    await fan.page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  // Bought coins make withdrawable beans (the payout below needs them; granted ones never are).
  const streamUrl = fan.page.url();
  await fan.page.goto('/wallet');
  await fan.page.getByTestId('buy-coins-500').click();
  await fan.page.getByTestId('dev-confirm').click();
  await fan.page.getByText(/coins added to your wallet/).waitFor();
  await fan.page.goto(streamUrl);
  await fan.page.getByTestId('gift-panel').waitFor();
  for (const gift of ['gift-coffee', 'gift-rose', 'gift-guitar']) {
    await fan.page.getByTestId(gift).click();
    await fan.page.getByTestId('send-gift').click();
    await fan.page.waitForTimeout(400);
  }

  // The streamer asks for a payout of the beans the gifts earned (the goodwill adjustment below is not withdrawable).
  const admin = await newUser(browser, airwave.url);
  await admin.page.goto('/admin/login');
  await admin.page.getByLabel('Email').fill('admin@airwave.local');
  await admin.page.getByLabel('Password').fill('demo-admin-2026');
  await admin.page.getByRole('button', { name: 'Sign in' }).click();
  await admin.page.getByTestId('stat').first().waitFor();

  await admin.page.getByRole('link', { name: 'Users', exact: true }).click();
  await admin.page.getByRole('link', { name: 'demo_streamer', exact: true }).click();
  await admin.page.getByRole('button', { name: 'Adjust balance' }).click();
  await admin.page.getByLabel('Account').selectOption('beans');
  await admin.page.getByLabel('Change').fill('250');
  await confirm(admin.page, 'Adjust balance', 'Launch bonus for the first week');
  await apiFrom(host.page, 'web', 'POST', '/api/payouts', {
    beans: 200,
    idempotencyKey: 'screenshot-payout-1',
  });

  await admin.page.getByRole('link', { name: 'Catalog', exact: true }).click();
  await admin.page.getByRole('button', { name: 'Edit Heart' }).click();
  await admin.page.getByRole('dialog').getByLabel('Cost (coins)').fill('12');
  await admin.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await admin.page.getByRole('dialog').waitFor({ state: 'hidden' });

  await admin.page.getByRole('link', { name: 'Banned words' }).click();
  await admin.page.getByLabel('Word').fill('spoiler');
  await admin.page.getByRole('button', { name: 'Add word' }).click();
  await admin.page.getByTestId('banned-words-table').getByText('spoiler').waitFor();
  await clearToasts(admin.page);

  await admin.page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await admin.page.getByTestId('stat').first().waitFor();
  await admin.page.locator('.chart').first().waitFor();
  await admin.page.waitForTimeout(500);
  await admin.page.screenshot({ path: path.join(out, 'admin-dashboard.png') });

  await admin.page.getByRole('link', { name: 'Users', exact: true }).click();
  await admin.page.getByRole('heading', { name: 'Users' }).waitFor();
  await admin.page.getByTestId('user-row').first().waitFor();
  await admin.page.screenshot({ path: path.join(out, 'admin-users.png') });

  await admin.page.getByRole('link', { name: 'demo_streamer', exact: true }).click();
  await admin.page.getByTestId('user-beans').waitFor();
  await admin.page.waitForTimeout(300);
  await admin.page.screenshot({ path: path.join(out, 'admin-user.png'), fullPage: true });

  await admin.page.getByRole('link', { name: 'Audit log' }).click();
  await admin.page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await admin.page.getByTestId('audit-row').first().waitFor();
  await admin.page.screenshot({ path: path.join(out, 'admin-audit.png') });

  await admin.page.getByRole('link', { name: 'Payouts', exact: true }).click();
  await admin.page.getByRole('heading', { name: 'Payouts' }).waitFor();
  await admin.page.getByTestId('payout-row').first().waitFor();
  await admin.page.getByRole('button', { name: 'Approve' }).first().click();
  await admin.page.getByRole('dialog').getByLabel('Reason').fill('Verified, paid by bank transfer');
  await admin.page.screenshot({ path: path.join(out, 'admin-payout-dialog.png') });
  console.log(`admin screenshots written to ${out}`);
} finally {
  await browser.close();
  await airwave.stop();
}
