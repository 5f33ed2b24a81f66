import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../backend/src/test/janus-available.ts';
import {
  browserAvailable,
  goLive,
  launchBrowser,
  newUser,
  RECORD_PLAYER,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';

type Actor = Awaited<ReturnType<typeof newUser>>;

/** The page's open peer connections: whether each came from Janus (its SDP names the VideoRoom). */
const openConnections = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => ({
        state: pc.connectionState,
        viaJanus: /VideoRoom|Janus/i.test(pc.remoteDescription?.sdp ?? ''),
      })),
  );

/**
 * The player's stream swaps (page clock), and the longest wait between two presented frames within
 * `aroundMs` of any of them: what a viewer would see as a stall caused by the move.
 */
const gapsAroundSwaps = (page: Page, aroundMs: number) =>
  page.evaluate((around) => {
    const w = window as unknown as { __frames: number[]; __swaps: number[] };
    let gap = 0;
    let frames = 0;
    for (const swap of w.__swaps) {
      const near = w.__frames.filter((t) => t >= swap - around && t <= swap + around);
      frames += near.length;
      for (let i = 1; i < near.length; i++) gap = Math.max(gap, (near[i] ?? 0) - (near[i - 1] ?? 0));
    }
    return { swaps: w.__swaps.length, gap, frames };
  }, aroundMs);

const janus = janusBinary();

describe.runIf(browserAvailable && janus)(
  'MEDIA_MODE=auto in Chromium: three viewers on the mesh, then everyone through Janus without a stall',
  { timeout: 180_000 },
  () => {
    let airwave: Awaited<ReturnType<typeof startAirwave>>;
    let browser: Browser;
    let streamer: Actor;
    const viewers: Actor[] = [];

    beforeAll(async () => {
      airwave = await startAirwave({ MEDIA_MODE: 'auto', SFU_SWITCH_VIEWERS: '3', STUN_URLS: '' });
      // With mDNS host names Chromium hides the interface address Janus needs to reach it.
      browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
    });
    afterAll(async () => {
      await browser?.close();
      await airwave?.stop();
    });

    it('the fourth viewer moves the stream; the first three keep decoding (no gap over 500 ms) and end on the SFU', async () => {
      let streamPath: string;
      ({ streamer, streamPath } = await goLive(
        browser,
        airwave.url,
        'Auto switch test',
        [RECORD_PLAYER],
        'autohost',
      ));

      const watch = async () => {
        // Phone-sized players: six of them decode on two cores beside the streamer's encoders.
        const v = await newUser(browser, airwave.url, { width: 390, height: 844 });
        await v.context.addInitScript({ content: RECORD_PLAYER });
        viewers.push(v);
        await v.page.goto(streamPath);
        await waitForDecodedVideo(v.page);
        return v;
      };
      const early = [await watch(), await watch(), await watch()];
      // On the mesh: one direct upload per viewer, none to the SFU.
      await expect
        .poll(async () => (await openConnections(streamer.page)).length, { timeout: 15_000 })
        .toBe(3);
      expect(await streamer.page.getByTestId('broadcast-sfu').count()).toBe(0);
      for (const v of early) {
        expect(await openConnections(v.page)).toEqual([{ state: 'connected', viaJanus: false }]);
      }

      const late = [await watch(), await watch(), await watch()];
      for (const v of late) {
        expect((await openConnections(v.page)).map((c) => c.viaJanus)).toEqual([true]);
      }
      // The early viewers swapped to their SFU picture and closed the direct connection.
      for (const v of early) {
        await expect
          .poll(() => openConnections(v.page), { timeout: 30_000 })
          .toEqual([{ state: 'connected', viaJanus: true }]);
      }
      // ...so the streamer uploads once: the publication to the SFU, with its three layers.
      await streamer.page.getByTestId('broadcast-sfu').waitFor();
      await expect
        .poll(async () => (await openConnections(streamer.page)).length, { timeout: 30_000 })
        .toBe(1);

      // Keep watching past the swap, then read each early viewer's frame times around it: the
      // first stream (the mesh) and the swap to the SFU's, each within 2 s of frames either side.
      await new Promise((r) => setTimeout(r, 2500));
      for (const v of early) {
        const around = await gapsAroundSwaps(v.page, 2000);
        if (process.env.E2E_DEBUG) console.log(around);
        expect(around.swaps).toBe(2);
        expect(around.frames).toBeGreaterThan(40);
        expect(around.gap).toBeLessThan(500);
      }
      for (const actor of [streamer, ...viewers]) expect(actor.consoleErrors).toEqual([]);
    });
  },
);
