import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFrom,
  browserAvailable,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
} from './harness.ts';

/** Goes live through the API: this test is about follows and chat, not media. */
async function liveThroughApi(page: Page, title: string) {
  const res = await apiFrom(page, 'web', 'POST', '/api/streams', { title, category: 'music' });
  return res.body.id as string;
}

const userIdOf = async (page: Page) => (await apiFrom(page, 'web', 'GET', '/api/auth/me')).body.id as string;

describe.runIf(browserAvailable)(
  'follows and followers-only chat in the web app',
  { timeout: 180_000 },
  () => {
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

    it('a fan follows two streamers and finds the live one first under Following; a non-follower is refused in followers-only chat', async () => {
      const quiet = await newUser(browser, airwave.url);
      const quietName = await registerThroughUi(quiet.page, 'quiet');
      const quietId = await userIdOf(quiet.page);
      const host = await newUser(browser, airwave.url);
      const hostName = await registerThroughUi(host.page, 'jam');
      const streamId = await liveThroughApi(host.page, 'Evening jam');

      // The fan, at phone size, follows the offline streamer first, from their profile.
      const fan = await newUser(browser, airwave.url, { width: 390, height: 844 });
      await registerThroughUi(fan.page, 'fan');
      await fan.page.goto(`/u/${quietId}`);
      await fan.page.getByTestId('follower-count').filter({ hasText: '0 followers' }).waitFor();
      await fan.page.getByRole('button', { name: `Follow ${quietName}` }).click();
      await fan.page.getByRole('button', { name: `Unfollow ${quietName}` }).waitFor();
      await fan.page.getByTestId('follower-count').filter({ hasText: '1 follower' }).waitFor();
      // …then the live one, from the stream page.
      await fan.page.goto(`/streams/${streamId}`);
      await fan.page.getByRole('button', { name: `Follow ${hostName}` }).click();
      await fan.page
        .getByRole('button', { name: `Unfollow ${hostName}` })
        .filter({ hasText: 'Following' })
        .waitFor();
      await fan.page.getByTestId('follower-count').filter({ hasText: '1 follower' }).waitFor();
      await fan.page.screenshot({ path: '/tmp/follows-stream-phone.png' });

      await fan.page.goto('/');
      await fan.page.getByRole('link', { name: 'Following' }).click();
      const cards = fan.page.getByTestId('followed-channel');
      await expect.poll(() => cards.count()).toBe(2);
      expect(await cards.nth(0).innerText()).toMatch(
        new RegExp(`LIVE[\\s\\S]*${hostName}[\\s\\S]*Evening jam`),
      );
      expect(await cards.nth(1).innerText()).toMatch(new RegExp(`${quietName}[\\s\\S]*Offline`));
      expect(await fan.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const axe = await new AxeBuilder({ page: fan.page }).analyze();
      expect(
        axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      await fan.page.screenshot({ path: '/tmp/follows-following-phone.png', fullPage: true });

      // The streamer turns followers-only chat on where slow mode is set.
      await host.page.goto('/dashboard');
      await host.page.getByLabel('Only followers may chat').check();
      await host.page.getByLabel('Minimum follow age').selectOption('0');
      await host.page.getByRole('button', { name: 'Save' }).click();
      await host.page.getByText('Saved.').waitFor();

      const outsider = await newUser(browser, airwave.url);
      await registerThroughUi(outsider.page, 'outsider');
      await outsider.page.goto(`/streams/${streamId}`);
      await outsider.page.getByText('Followers-only chat').waitFor();
      await outsider.page.getByLabel('Say something nice').fill('let me in');
      await outsider.page.getByRole('button', { name: 'Send', exact: true }).click();
      await outsider.page
        .getByTestId('chat-status')
        .filter({ hasText: 'This chat is for followers of the channel. Follow it to write.' })
        .waitFor();

      // The follower writes.
      await fan.page.goto(`/streams/${streamId}`);
      await fan.page.getByLabel('Say something nice').fill('hello from a follower');
      await fan.page.getByRole('button', { name: 'Send', exact: true }).click();
      await outsider.page.getByTestId('chat-list').getByText('hello from a follower').waitFor();

      for (const user of [quiet, host, fan, outsider]) expect(user.consoleErrors).toEqual([]);
    });
  },
);
