import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchBrowser,
  newUser,
  readableSecrets,
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
    // The on-air bar counts withdrawable beans; gift beans free up at once here so it shows the gift.
    airwave = await startAirwave({ BEAN_HOLD_DAYS: '0' });
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
    await expect(viewer.page.getByTestId('stream-top-gifters').innerText()).resolves.toContain(
      'No gifts yet',
    );
    // At 1280 px the ranking sits under the video, in the first screenful, not below the gift panel.
    const player = await viewer.page.getByTestId('player').boundingBox();
    const ranking = await viewer.page.getByTestId('stream-top-gifters').boundingBox();
    expect(
      player && ranking && ranking.x + ranking.width <= player.x + player.width + 1 && ranking.y < 800,
    ).toBe(true);
    await viewer.page.getByTestId('send-gift').click();
    await expect.poll(() => coins(viewer.page)).toBe(before - 5);
    // The room pushes the new ranking to everyone in it.
    for (const page of [viewer.page, streamer.page])
      await page.getByTestId('stream-top-gifters').getByText(viewerName).waitFor();
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

    // Signed in at 390 px, the top bar keeps the brand, the balance and a menu inside the screen; the
    // links open from the menu, and every one of them (nickname, Sign out, language) is on screen.
    const phone = phoneViewer.page;
    const signOut = phone.getByRole('button', { name: 'Sign out' });
    const menu = phone.getByTestId('menu-button');
    expect(await signOut.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    for (const item of [
      phone.getByRole('link', { name: 'Dashboard' }),
      phone.locator('#main-nav').getByRole('link', { name: /^mfan/ }),
      signOut,
      phone.getByRole('button', { name: 'Русский' }),
    ]) {
      const box = await item.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await scan(phone)).toEqual([]);
    // Escape from inside the menu closes it and puts focus back on its button, not on a hidden link.
    await signOut.focus();
    await phone.keyboard.press('Escape');
    await expect.poll(() => signOut.isVisible()).toBe(false);
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'menu-button',
    );
    // The keyboard opens it again; a tap outside the bar closes it.
    await phone.keyboard.press('Enter');
    await signOut.waitFor();
    await phone.locator('main').click({ position: { x: 4, y: 4 } });
    await expect.poll(() => signOut.isVisible()).toBe(false);
    await menu.click();
    await phone.getByRole('link', { name: 'Dashboard' }).click();
    await phone.waitForURL(/\/dashboard$/);
    // The menu closes once the new page renders.
    await expect.poll(() => signOut.isVisible()).toBe(false);

    for (const actor of [streamer, viewer, phoneHost, phoneViewer]) expect(actor.consoleErrors).toEqual([]);
  });

  it('keeps tokens out of page scripts; a reload restores the session from the HttpOnly cookie, in two tabs', async () => {
    const user = await newUser(browser, airwave.url);
    await registerThroughUi(user.page, 'safe');
    expect(await readableSecrets(user.page)).toEqual([]);
    const cookies = await user.context.cookies();
    expect(cookies.find((c) => c.name === 'airwave_refresh_web')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });
    await user.page.reload();
    await user.page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await readableSecrets(user.page)).toEqual([]);

    // Two tabs restoring at the same moment share one rotating cookie without ending the session.
    const second = await user.context.newPage();
    await second.goto('/wallet');
    await second.getByRole('button', { name: 'Sign out' }).waitFor();
    await Promise.all([user.page.reload(), second.reload()]);
    await user.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await second.getByRole('button', { name: 'Sign out' }).waitFor();
    await user.page.reload();
    await user.page.getByRole('button', { name: 'Sign out' }).waitFor();

    // Signing out in one tab signs the other out too, and the cookie is gone.
    await second.getByRole('button', { name: 'Sign out' }).click();
    await user.page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect((await user.context.cookies()).find((c) => c.name === 'airwave_refresh_web')).toBeUndefined();
    await second.close();
    expect(user.consoleErrors).toEqual([]);
  });

  it('after sign-in follows ?next= only to this origin', async () => {
    const user = await newUser(browser, airwave.url);
    const id = await registerThroughUi(user.page, 'nexty');
    await user.page.getByRole('button', { name: 'Sign out' }).click();
    const signIn = async (next: string) => {
      await user.page.goto(`/login?next=${encodeURIComponent(next)}`);
      await user.page.getByLabel('Email').fill(`${id}@example.test`);
      await user.page.getByLabel('Password').fill(`a long passphrase ${id}`);
      await user.page.getByRole('button', { name: 'Sign in' }).click();
      await user.page.getByRole('button', { name: 'Sign out' }).waitFor();
      await user.page.waitForURL((url) => url.pathname !== '/login');
      return new URL(user.page.url());
    };
    const evil = await signIn('/\\evil.example/x');
    expect(evil.origin).toBe(new URL(airwave.url).origin);
    expect(evil.pathname).toBe('/');
    await user.page.getByRole('button', { name: 'Sign out' }).click();
    const wallet = await signIn('/wallet?tab=coins');
    expect(`${wallet.pathname}${wallet.search}`).toBe('/wallet?tab=coins');
  });

  it('serves pages under a nonce CSP: the app runs, injected inline script and handlers do not', async () => {
    const user = await newUser(browser, airwave.url);
    // An HTML injection as the server would deliver it: markup in the page, under the page's real CSP.
    await user.page.route('**/', async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(
        '<body',
        '<script>window.__injected = true</script><img src="data:," onerror="window.__handler = true"><body',
      );
      await route.fulfill({ response: res, body: html });
    });
    const violations: string[] = [];
    user.page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    const res = await user.page.goto('/');
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    // The app's own scripts carry the nonce and run: the Sign in link appears only once the client
    // has asked for the session.
    await user.page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    const flags = await user.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { script: w.__injected === true, handler: w.__handler === true };
    });
    expect(flags).toEqual({ script: false, handler: false });
    expect(violations.length).toBeGreaterThanOrEqual(2);
    // Nothing but the injected markup was refused. (A page that Playwright fulfilled counts as a public
    // page to Chromium, which then blocks its socket to 127.0.0.1: an artefact of the interception.)
    expect(user.consoleErrors.filter((e) => !/Content Security Policy|LOCAL_NETWORK_ACCESS/.test(e))).toEqual(
      [],
    );
  });
});
