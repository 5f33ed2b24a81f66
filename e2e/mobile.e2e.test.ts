import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../backend/src/test/janus-available.ts';
import {
  browserAvailable,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';
import { serveStatic } from './static-server.ts';

type Actor = Awaited<ReturnType<typeof newUser>>;
const PHONE = { width: 390, height: 844 };
const root = path.resolve(import.meta.dirname, '..');
/** `npm run screenshots:mobile` sets this: every screen is saved to docs/mobile/ on the way. */
const shots = process.env.MOBILE_SCREENSHOTS === '1' ? path.join(root, 'docs/mobile') : null;
const shoot = async (page: Page, name: string) => {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
};

let counter = 0;
/** Registers through the mobile app's own form (the web export), at phone size. */
async function registerOnPhone(page: Page, appUrl: string, prefix: string) {
  const id = `${prefix}${Date.now().toString(36)}${counter++}`;
  await page.goto(appUrl);
  await page.getByText('Sign in to Airwave').waitFor();
  await shoot(page, 'login');
  await page.getByTestId('auth-switch').click();
  await page.getByLabel('Email').fill(`${id}@example.test`);
  await page.getByLabel('Nickname').fill(id);
  await page.getByLabel('Password').fill(`a long passphrase ${id}`);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('home-screen').waitFor();
  return id;
}

/**
 * The export served from its own origin, as a static host would; it calls the Airwave server named
 * by `?api=`, which allows that origin (CORS).
 */
async function startPhoneStack(env: Record<string, string> = {}) {
  const app = await serveStatic(path.join(root, 'frontend/mobile/dist'));
  const airwave = await startAirwave({ CORS_ORIGINS: app.url, ...env });
  // With mDNS host names Chromium hides the interface address Janus needs to reach the phone.
  const browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
  return {
    airwave,
    browser,
    appUrl: `${app.url}/?api=${encodeURIComponent(airwave.url)}`,
    async stop() {
      await browser.close();
      await airwave.stop();
      await app.stop();
    },
  };
}

describe.runIf(browserAvailable)(
  'the mobile app (Expo web export) in Chromium at phone size',
  { timeout: 180_000 },
  () => {
    let stack: Awaited<ReturnType<typeof startPhoneStack>>;
    let airwave: Awaited<ReturnType<typeof startAirwave>>;
    let appUrl = '';
    let browser: Browser;
    const actors: Actor[] = [];

    beforeAll(async () => {
      stack = await startPhoneStack();
      ({ airwave, appUrl, browser } = stack);
    });
    afterAll(() => stack?.stop());

    const actor = async (viewport = PHONE) => {
      const a = await newUser(browser, airwave.url, viewport);
      actors.push(a);
      return a;
    };

    it('a web streamer is live; the phone viewer buys coins, opens it from Home, decodes video, chats and gifts', async () => {
      const streamer = await actor({ width: 1280, height: 800 });
      await registerThroughUi(streamer.page, 'webhost');
      await streamer.page.goto('/live');
      await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
      await streamer.page.getByLabel('Title').fill('Web to phone');
      await streamer.page.getByTestId('go-live').click();
      await streamer.page.getByTestId('live-timer').waitFor();

      const viewer = await actor();
      const page = viewer.page;
      await registerOnPhone(page, appUrl, 'phonefan');

      await page.getByTestId('tab-wallet').click();
      await page.getByTestId('buy-coins-100').click();
      await page.getByText('Test purchase — no real money moves.').waitFor();
      await page.getByTestId('dev-confirm').click();
      await page.getByText('100 coins added to your wallet.').waitFor();
      await expect.poll(() => page.getByTestId('wallet-coins').innerText()).toBe('100');
      await shoot(page, 'wallet');

      await page.getByTestId('tab-home').click();
      await page.getByTestId('stream-card').filter({ hasText: 'Web to phone' }).waitFor();
      await shoot(page, 'home');
      await page.getByTestId('stream-card').filter({ hasText: 'Web to phone' }).click();
      const size = await waitForDecodedVideo(page, '[data-testid="player-video"]');
      expect(size.width).toBeGreaterThan(0);
      await expect
        .poll(() => streamer.page.getByTestId('broadcast-viewers').innerText())
        .toContain('1 viewer');
      await expect.poll(() => page.getByTestId('viewer-count').innerText()).toContain('1 viewer');

      await page.getByLabel('Say something nice').fill('hello from the phone');
      await page.getByTestId('chat-send').click();
      await streamer.page.getByTestId('chat-message').filter({ hasText: 'hello from the phone' }).waitFor();
      await streamer.page.getByLabel('Say something nice').fill('hi phone');
      await streamer.page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByTestId('chat-message').filter({ hasText: 'hi phone' }).waitFor();
      await shoot(page, 'stream');

      // The chat overlay keeps clear of the picture's centre.
      const centre = await page.evaluate(() => {
        const el = document.elementFromPoint(195, 422);
        return el?.closest('[data-testid="chat-message"]') ? 'chat' : 'clear';
      });
      expect(centre).toBe('clear');

      await page.getByTestId('open-gifts').click();
      await page.getByTestId('gift-rose').click();
      await expect(page.getByTestId('gift-receives').innerText()).resolves.toBe('Streamer receives 5 beans');
      await expect(page.getByTestId('gift-balance').innerText()).resolves.toBe('Balance: 100 coins');
      await shoot(page, 'gift-sheet');
      await page.getByTestId('send-gift').click();
      await expect.poll(() => page.getByTestId('gift-balance').innerText()).toBe('Balance: 95 coins');
      await streamer.page.getByTestId('gift-pop').filter({ hasText: 'Rose' }).waitFor();
      await page.getByTestId('gift-close').click();

      await streamer.page.getByTestId('end-stream').click();
      await page.getByText('This stream has ended.').waitFor();
      await shoot(page, 'stream-ended');
      await page.getByTestId('ended-back').click();
      await page.getByTestId('tab-profile').click();
      await page.getByTestId('profile-screen').waitFor();
      await shoot(page, 'profile');
    });

    it('goes live from CreateStreamScreen with the fake camera; a web viewer decodes the frames', async () => {
      const host = await actor();
      const page = host.page;
      await registerOnPhone(page, appUrl, 'phonehost');
      await page.getByTestId('tab-golive').click();
      // With the permission already granted the preview opens at once; otherwise the explainer asks.
      await page.getByTestId('go-live').or(page.getByTestId('allow-camera')).first().waitFor();
      if (await page.getByTestId('allow-camera').isVisible()) await page.getByTestId('allow-camera').click();
      await waitForDecodedVideo(page, '[data-testid="preview"]');
      await page.getByLabel('Title').fill('Live from a phone');
      await page.getByTestId('live-category-music').click();
      await shoot(page, 'create-stream');
      await page.getByTestId('go-live').click();
      await page.getByTestId('live-timer').waitFor();

      const viewer = await actor({ width: 1280, height: 800 });
      await registerThroughUi(viewer.page, 'webfan');
      await viewer.page.goto('/');
      await viewer.page.getByTestId('stream-card').filter({ hasText: 'Live from a phone' }).click();
      await viewer.page.waitForURL(/\/streams\//);
      const size = await waitForDecodedVideo(viewer.page);
      expect(size.width).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('broadcast-viewers').innerText()).toContain('1 viewer');

      await viewer.page.getByLabel('Say something nice').fill('great stream');
      await viewer.page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByTestId('chat-message').filter({ hasText: 'great stream' }).waitFor();
      await shoot(page, 'on-air');

      await page.getByTestId('end-stream').click();
      await page.getByText('Your stream has ended.').waitFor();
      await expect.poll(() => viewer.page.getByTestId('player').getAttribute('data-state')).toBe('ended');

      for (const a of actors) expect(a.consoleErrors).toEqual([]);
    });
  },
);

const janus = janusBinary();

describe.runIf(browserAvailable && janus)(
  'the mobile app through the Janus SFU (MEDIA_MODE=sfu)',
  { timeout: 180_000 },
  () => {
    let stack: Awaited<ReturnType<typeof startPhoneStack>>;
    beforeAll(async () => {
      stack = await startPhoneStack({ MEDIA_MODE: 'sfu', STUN_URLS: '' });
    });
    afterAll(() => stack?.stop());

    it('a phone streamer publishes to the SFU; a phone viewer decodes it and pins 180p from the quality menu', async () => {
      const host = await newUser(stack.browser, stack.airwave.url, PHONE);
      await registerOnPhone(host.page, stack.appUrl, 'sfuphone');
      await host.page.getByTestId('tab-golive').click();
      await host.page.getByTestId('go-live').or(host.page.getByTestId('allow-camera')).first().waitFor();
      if (await host.page.getByTestId('allow-camera').isVisible())
        await host.page.getByTestId('allow-camera').click();
      await waitForDecodedVideo(host.page, '[data-testid="preview"]');
      await host.page.getByLabel('Title').fill('Phone through the SFU');
      await host.page.getByTestId('live-category-music').click();
      await host.page.getByTestId('go-live').click();
      await host.page.getByTestId('live-timer').waitFor();

      const viewer = await newUser(stack.browser, stack.airwave.url, PHONE);
      await registerOnPhone(viewer.page, stack.appUrl, 'sfuwatch');
      await viewer.page.getByTestId('stream-card').filter({ hasText: 'Phone through the SFU' }).click();
      await waitForDecodedVideo(viewer.page, '[data-testid="player-video"]');
      // The menu only shows for the SFU's layers.
      const menu = viewer.page.getByTestId('quality-menu');
      await menu.click();
      await viewer.page.getByTestId('quality-low').click();
      await expect.poll(() => menu.innerText()).toContain('180p');
      // The phone camera is portrait (720×1280 asked): its lowest layer is a quarter of that.
      const width = () =>
        viewer.page.$eval('[data-testid="player-video"]', (v) =>
          Math.min((v as HTMLVideoElement).videoWidth, (v as HTMLVideoElement).videoHeight),
        );
      await expect.poll(width, { timeout: 30_000 }).toBeLessThanOrEqual(240);
      for (const a of [host, viewer]) expect(a.consoleErrors).toEqual([]);
    });
  },
);
