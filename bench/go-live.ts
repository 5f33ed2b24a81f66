/** A streamer going live through the real web app in Chromium, for the media benches. */
import type { Browser } from 'playwright-core';
import { newUser, registerThroughUi, waitForDecodedVideo } from '../e2e/harness.ts';

/**
 * Registers, opens /live, waits for the camera preview and goes live. `initScripts` run in the
 * streamer's pages before the app (to record its peer connections, or to replace its camera).
 */
export async function goLive(browser: Browser, url: string, title: string, initScripts: string[] = []) {
  const streamer = await newUser(browser, url);
  for (const content of initScripts) await streamer.context.addInitScript({ content });
  await registerThroughUi(streamer.page, 'benchhost');
  await streamer.page.goto('/live');
  await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
  await streamer.page.getByLabel('Title').fill(title);
  await streamer.page.getByTestId('go-live').click();
  await streamer.page.getByTestId('live-timer').waitFor();
  const streamPath =
    (await streamer.page.getByRole('link', { name: 'Open the viewer page' }).getAttribute('href')) ?? '';
  const streamId = streamPath.split('/').pop() ?? '';
  return { streamer, streamPath, streamId };
}
