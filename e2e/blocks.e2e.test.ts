import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  goLive,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
} from './harness.ts';

describe.runIf(browserAvailable)('blocking in Chromium', { timeout: 120_000 }, () => {
  let airwave: Awaited<ReturnType<typeof startAirwave>>;
  let browser: Browser;

  beforeAll(async () => {
    airwave = await startAirwave();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await airwave?.stop();
  });

  it('a viewer blocks a chatter from the chat menu: their messages go, new ones never come, and the profile and the list undo it', async () => {
    const { streamer, streamPath } = await goLive(browser, airwave.url, 'Block test');
    const viewer = await newUser(browser, airwave.url);
    const troll = await newUser(browser, airwave.url);
    await registerThroughUi(viewer.page, 'fan');
    const trollName = await registerThroughUi(troll.page, 'troll');
    for (const actor of [viewer, troll]) await actor.page.goto(streamPath);

    const say = async (text: string) => {
      await troll.page.getByLabel('Say something nice').fill(text);
      await troll.page.getByRole('button', { name: 'Send', exact: true }).click();
      // The streamer sees every message, so the room did deliver it.
      await streamer.page.getByTestId('chat-message').filter({ hasText: text }).waitFor();
    };
    await say('first from the troll');
    const first = viewer.page.getByTestId('chat-message').filter({ hasText: 'first from the troll' });
    await first.hover();
    await first.getByRole('button', { name: `Actions for ${trollName}'s message` }).click();
    await viewer.page.getByRole('menuitem', { name: 'Block' }).click();
    await expect
      .poll(() => viewer.page.getByTestId('chat-status').innerText())
      .toContain(`${trollName} is blocked`);
    await first.waitFor({ state: 'detached' });

    await say('second from the troll');
    await streamer.page.getByLabel('Say something nice').fill('the host speaks');
    await streamer.page.getByRole('button', { name: 'Send', exact: true }).click();
    // The host's later message arrives, the troll's earlier one never does.
    await viewer.page.getByTestId('chat-message').filter({ hasText: 'the host speaks' }).waitFor();
    expect(await viewer.page.getByTestId('chat-message').filter({ hasText: 'from the troll' }).count()).toBe(
      0,
    );
    // The troll's own chat shows nothing unusual.
    expect(await troll.page.getByTestId('chat-status').count()).toBe(0);

    // Chat history on a fresh join hides them too.
    await viewer.page.reload();
    await viewer.page.getByTestId('chat-message').filter({ hasText: 'the host speaks' }).waitFor();
    expect(await viewer.page.getByTestId('chat-message').filter({ hasText: 'from the troll' }).count()).toBe(
      0,
    );

    await viewer.page.setViewportSize({ width: 390, height: 844 });
    await viewer.page.goto('/account/blocked');
    const row = viewer.page.getByTestId('blocked-list').getByRole('listitem').filter({ hasText: trollName });
    await row.waitFor();
    const axe = await new AxeBuilder({ page: viewer.page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    // Their profile page says so and undoes or redoes it.
    await row.getByRole('link', { name: trollName }).click();
    const toggle = viewer.page.getByTestId('profile-block');
    await expect.poll(() => toggle.innerText()).toBe('Unblock');
    await toggle.click();
    await expect.poll(() => toggle.innerText()).toBe('Block');
    await toggle.click();
    await expect.poll(() => toggle.innerText()).toBe('Unblock');

    await viewer.page.goto('/account/blocked');
    await row.getByRole('button', { name: `Unblock ${trollName}` }).click();
    await viewer.page.getByTestId('blocked-empty').waitFor();
  });
});
