// Takes the README/docs screenshots from a real run: `npm run screenshots` (needs Chromium and a web build).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newUser, startAirwave, waitForDecodedVideo } from './harness.ts';

const out = path.resolve(import.meta.dirname, '../docs/screenshots');
mkdirSync(out, { recursive: true });

async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('coin-balance').waitFor();
}

// Polls with evaluate: waitForFunction compiles its predicate in the page, which the nonce CSP refuses.
async function imagesLoaded(page: Page) {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0)))
      return;
    await page.waitForTimeout(100);
  }
  throw new Error('images did not load');
}

const airwave = await startAirwave({ DEMO_DATA: 'true' });
const browser = await launchBrowser();
try {
  const host = await newUser(browser, airwave.url);
  await login(host.page, 'streamer@airwave.local', 'demo-streamer-2026');
  await host.page.goto('/live');
  await waitForDecodedVideo(host.page, '[data-testid="preview"]');
  await host.page.getByLabel('Title').fill('Friday night synth jam 🎹');
  await host.page.getByLabel('Category').selectOption('music');
  await host.page.getByLabel('Description (optional)').fill('Analog synths, requests welcome.');
  await host.page.getByTestId('go-live').click();
  await host.page.getByTestId('live-timer').waitFor();
  await host.page.waitForTimeout(4000); // the first thumbnail upload

  const fan = await newUser(browser, airwave.url);
  await login(fan.page, 'viewer@airwave.local', 'demo-viewer-2026');
  await fan.page.goto('/');
  await fan.page.getByTestId('coin-balance').waitFor(); // the header restores the session after the page
  await imagesLoaded(fan.page);
  await fan.page.screenshot({ path: path.join(out, 'home.png') });
  await fan.page.getByTestId('stream-card').first().click();
  await waitForDecodedVideo(fan.page);
  for (const text of ['hey! first time here 👋', 'that bassline 🔥']) {
    await fan.page.getByLabel('Say something nice').fill(text);
    await fan.page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await host.page.getByLabel('Say something nice').fill('welcome in! any requests?');
  await host.page.getByRole('button', { name: 'Send', exact: true }).click();
  await fan.page.getByTestId('gift-coffee').click();
  await fan.page.getByTestId('send-gift').click();
  await fan.page.getByTestId('gift-pop').first().waitFor();
  await fan.page.evaluate(() => window.scrollTo(0, 0));
  await fan.page.screenshot({ path: path.join(out, 'stream-viewer.png') });
  await host.page.getByTestId('gift-pop').first().waitFor();
  await host.page.screenshot({ path: path.join(out, 'stream-streamer.png') });
  await fan.page.goto('/wallet');
  await fan.page.getByTestId('wallet-coins').waitFor();
  await fan.page.waitForTimeout(500);
  await fan.page.screenshot({ path: path.join(out, 'wallet.png') });

  const phone = await newUser(browser, airwave.url, { width: 390, height: 844 });
  await phone.page.goto('/');
  await imagesLoaded(phone.page);
  await phone.page.screenshot({ path: path.join(out, 'mobile-home.png') });
  await phone.page.getByTestId('stream-card').first().click();
  await waitForDecodedVideo(phone.page);
  await phone.page.screenshot({ path: path.join(out, 'mobile-stream.png'), fullPage: true });
  // Signed in on a phone, watching: the header's links open from its menu over the stream page.
  const phoneFan = await newUser(browser, airwave.url, { width: 390, height: 844 });
  await login(phoneFan.page, 'viewer@airwave.local', 'demo-viewer-2026');
  await phoneFan.page.goto('/');
  await phoneFan.page.getByTestId('stream-card').first().click();
  await waitForDecodedVideo(phoneFan.page);
  await phoneFan.page.getByTestId('menu-button').click();
  await phoneFan.page.screenshot({ path: path.join(out, 'mobile-menu.png') });
  // Last: leaving /live ends the broadcast the other screenshots show.
  await host.page.goto('/dashboard');
  await host.page.getByTestId('dashboard-withdrawable').waitFor();
  await host.page.waitForTimeout(500);
  await host.page.screenshot({ path: path.join(out, 'dashboard.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await airwave.stop();
}
