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

// Keeps every peer connection the page opens, so the test can read what its senders carry.
const RECORD_PEER_CONNECTIONS = `
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
`;

/** The maxBitrate of every video encoding on each of the page's open connections, in order of opening. */
function videoCaps(page: Page): Promise<(number | undefined)[][]> {
  return page.evaluate(() =>
    ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [])
      .filter((pc) => pc.signalingState !== 'closed')
      .map((pc) =>
        pc
          .getSenders()
          .filter((s) => s.track?.kind === 'video')
          .flatMap((s) => s.getParameters().encodings.map((e) => e.maxBitrate)),
      ),
  );
}

/** Frames the player decoded so far. */
const decodedFrames = (page: Page) =>
  page.$eval(
    '[data-testid="player-video"]',
    (v) => (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames,
  );

/** The player keeps decoding: more frames a moment later than now. */
async function stillDecoding(page: Page) {
  const before = await decodedFrames(page);
  await expect.poll(() => decodedFrames(page), { timeout: 10_000 }).toBeGreaterThan(before + 5);
}

describe.runIf(browserAvailable)('the P2P upload budget in Chromium', { timeout: 120_000 }, () => {
  let airwave: Awaited<ReturnType<typeof startAirwave>>;
  let browser: Browser;
  let streamer: Actor;
  const viewers: Actor[] = [];

  beforeAll(async () => {
    airwave = await startAirwave({ P2P_UPLINK_KBPS: '3000', STUN_URLS: '' });
    browser = await launchBrowser();
    streamer = await newUser(browser, airwave.url);
    await streamer.context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
  });
  afterAll(async () => {
    await browser?.close();
    await airwave?.stop();
  });

  it('caps each viewer connection at budget / viewers as viewers join and leave; every viewer still decodes', async () => {
    await registerThroughUi(streamer.page, 'budget');
    await streamer.page.goto('/live');
    await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
    await streamer.page.getByLabel('Title').fill('Uplink budget test');
    await streamer.page.getByTestId('go-live').click();
    await streamer.page.getByTestId('live-timer').waitFor();

    const first = await newUser(browser, airwave.url);
    viewers.push(first);
    await first.page.goto('/');
    await first.page.getByTestId('stream-card').filter({ hasText: 'Uplink budget test' }).click();
    await first.page.waitForURL(/\/streams\//);
    const streamUrl = first.page.url();
    await waitForDecodedVideo(first.page);
    // One viewer: its share (3000 kbit/s) is above the ceiling, so the ceiling holds.
    await expect.poll(() => videoCaps(streamer.page)).toEqual([[2_500_000]]);
    // P2P carries one layer: nothing to choose in the player.
    expect(await first.page.getByTestId('quality-menu').count()).toBe(0);

    const watch = async () => {
      const v = await newUser(browser, airwave.url);
      viewers.push(v);
      await v.page.goto(streamUrl);
      await waitForDecodedVideo(v.page);
      return v;
    };
    await watch();
    await expect.poll(() => videoCaps(streamer.page)).toEqual([[1_500_000], [1_500_000]]);
    for (const v of viewers) await stillDecoding(v.page);

    const third = await watch();
    await expect.poll(() => videoCaps(streamer.page)).toEqual([[1_000_000], [1_000_000], [1_000_000]]);
    for (const v of viewers) await stillDecoding(v.page);

    // A viewer leaving hands its share back to the others.
    await third.context.close();
    viewers.pop();
    await expect
      .poll(() => videoCaps(streamer.page), { timeout: 15_000 })
      .toEqual([[1_500_000], [1_500_000]]);
    for (const v of viewers) await stillDecoding(v.page);

    for (const actor of [streamer, ...viewers]) expect(actor.consoleErrors).toEqual([]);
  });
});
