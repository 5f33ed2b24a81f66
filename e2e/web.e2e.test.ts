import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';

type Actor = Awaited<ReturnType<typeof newUser>>;

describe.runIf(browserAvailable)('the web app in Chromium', { timeout: 120_000 }, () => {
  let airwave: Awaited<ReturnType<typeof startAirwave>>;
  let browser: Browser;
  let streamer: Actor;
  let viewer: Actor;
  let streamUrl = '';
  let viewerName = '';

  beforeAll(async () => {
    airwave = await startAirwave();
    browser = await launchBrowser();
    streamer = await newUser(browser, airwave.url);
    viewer = await newUser(browser, airwave.url);
  });
  afterAll(async () => {
    await browser?.close();
    await airwave?.stop();
  });

  const coins = async (page: Page) =>
    Number((await page.getByTestId('gift-balance').innerText()).match(/\d+/)?.[0]);

  it('a streamer goes live; a viewer opens it from the home page and decodes the video', async () => {
    await registerThroughUi(streamer.page, 'host');
    await streamer.page.goto('/live');
    await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
    await streamer.page.getByLabel('Title').fill('Fake camera live test');
    await streamer.page.getByLabel('Category').selectOption('music');
    await streamer.page.getByTestId('go-live').click();
    await streamer.page.getByTestId('live-timer').waitFor();

    viewerName = await registerThroughUi(viewer.page, 'fan');
    await viewer.page.goto('/');
    await viewer.page.getByTestId('stream-card').filter({ hasText: 'Fake camera live test' }).click();
    await viewer.page.waitForURL(/\/streams\//);
    streamUrl = viewer.page.url();
    const size = await waitForDecodedVideo(viewer.page);
    expect(size.width).toBeGreaterThan(0);
    await expect.poll(() => viewer.page.getByTestId('player').getAttribute('data-state')).toBe('playing');
    await expect.poll(() => streamer.page.getByTestId('broadcast-viewers').innerText()).toContain('1 viewer');
  });

  it('chat goes both ways; the streamer deletes a message and times the viewer out', async () => {
    await viewer.page.getByLabel('Say something nice').fill('hello from the viewer');
    await viewer.page.getByRole('button', { name: 'Send', exact: true }).click();
    const onHost = streamer.page.getByTestId('chat-message').filter({ hasText: 'hello from the viewer' });
    await onHost.waitFor();

    await streamer.page.getByLabel('Say something nice').fill('welcome, friend');
    await streamer.page.getByRole('button', { name: 'Send', exact: true }).click();
    await viewer.page.getByTestId('chat-message').filter({ hasText: 'welcome, friend' }).waitFor();

    await onHost.hover();
    await onHost.getByRole('button', { name: `Actions for ${viewerName}'s message` }).click();
    await streamer.page.getByRole('menuitem', { name: 'Delete message' }).click();
    await viewer.page
      .getByTestId('chat-message')
      .filter({ hasText: 'hello from the viewer' })
      .waitFor({ state: 'detached' });

    await viewer.page.getByLabel('Say something nice').fill('second try');
    await viewer.page.getByRole('button', { name: 'Send', exact: true }).click();
    const second = streamer.page.getByTestId('chat-message').filter({ hasText: 'second try' });
    await second.hover();
    await second.getByRole('button', { name: `Actions for ${viewerName}'s message` }).click();
    await streamer.page.getByRole('menuitem', { name: 'Time out 10 min' }).click();
    await expect.poll(() => viewer.page.getByTestId('chat-status').innerText()).toContain('timed out');
    await expect(viewer.page.getByLabel('Say something nice').isDisabled()).resolves.toBe(true);
  });

  it('the viewer buys coins with the dev provider and sends a gift; the streamer sees it and the beans', async () => {
    await viewer.page.goto('/wallet');
    await viewer.page.getByTestId('buy-coins-100').click();
    await viewer.page.getByText('Test purchase — no real money moves.').waitFor();
    await viewer.page.getByTestId('dev-confirm').click();
    await viewer.page.getByText('100 coins added to your wallet.').waitFor();
    await expect.poll(() => viewer.page.getByTestId('wallet-coins').innerText()).toBe('100');

    await viewer.page.goto(streamUrl);
    await waitForDecodedVideo(viewer.page);
    const before = await coins(viewer.page);
    expect(before).toBe(100);
    await viewer.page.getByTestId('gift-rose').click();
    await expect(viewer.page.getByTestId('gift-receives').innerText()).resolves.toBe(
      'Streamer receives 5 beans',
    );
    await viewer.page.getByTestId('send-gift').click();
    await expect.poll(() => coins(viewer.page)).toBe(before - 5);
    await streamer.page.getByTestId('gift-pop').filter({ hasText: 'Rose' }).waitFor();
    await expect.poll(() => streamer.page.getByTestId('broadcast-beans').innerText()).toContain('5 beans');
  });

  it('a reload during the stream resumes playback; ending it tells the viewer', async () => {
    await viewer.page.reload();
    await waitForDecodedVideo(viewer.page);
    await streamer.page.getByTestId('end-stream').click();
    await expect.poll(() => viewer.page.getByTestId('player').getAttribute('data-state')).toBe('ended');
    await viewer.page.getByText('This stream has ended.').first().waitFor();
  });

  it('works at phone size and has no serious accessibility violations; no console errors', async () => {
    const phoneHost = await newUser(browser, airwave.url, { width: 390, height: 844 });
    const phoneViewer = await newUser(browser, airwave.url, { width: 390, height: 844 });
    await registerThroughUi(phoneHost.page, 'mhost');
    await phoneHost.page.goto('/live');
    await phoneHost.page.getByLabel('Title').fill('Phone sized stream');
    await phoneHost.page.getByTestId('go-live').click();
    await phoneHost.page.getByTestId('live-timer').waitFor();

    await registerThroughUi(phoneViewer.page, 'mfan');
    await phoneViewer.page.goto('/');
    const scan = async (page: Page) => {
      const result = await new AxeBuilder({ page }).analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    expect(await scan(phoneViewer.page)).toEqual([]);
    await phoneViewer.page.getByTestId('stream-card').filter({ hasText: 'Phone sized stream' }).click();
    await waitForDecodedVideo(phoneViewer.page);
    // Chat sits below the video on a phone, and nothing overflows sideways.
    const video = await phoneViewer.page.getByTestId('player').boundingBox();
    const chat = await phoneViewer.page.getByRole('region', { name: 'Chat' }).boundingBox();
    expect(chat && video && chat.y >= video.y + video.height).toBe(true);
    expect(await phoneViewer.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await phoneViewer.page.getByLabel('Say something nice').fill('hi from a phone');
    await phoneViewer.page.getByRole('button', { name: 'Send', exact: true }).click();
    await phoneHost.page.getByTestId('chat-message').filter({ hasText: 'hi from a phone' }).waitFor();
    expect(await scan(phoneViewer.page)).toEqual([]);
    await phoneViewer.page.goto('/wallet');
    await phoneViewer.page.getByTestId('wallet-coins').waitFor();
    expect(await scan(phoneViewer.page)).toEqual([]);

    for (const actor of [streamer, viewer, phoneHost, phoneViewer]) expect(actor.consoleErrors).toEqual([]);
  });
});
