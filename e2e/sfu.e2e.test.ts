import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../backend/src/test/janus-available.ts';
import {
  browserAvailable,
  launchBrowser,
  newUser,
  RECORD_PEER_CONNECTIONS,
  RECORD_PLAYER,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';

type Actor = Awaited<ReturnType<typeof newUser>>;

/** The page's peer connections that are still open, and the outbound video layers each one sends. */
function openConnections(page: Page) {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    return Promise.all(
      pcs.map(async (pc) => {
        const layers: { rid: string; width: number }[] = [];
        (await pc.getStats()).forEach(
          (s: { type: string; kind?: string; rid?: string; frameWidth?: number }) => {
            if (s.type === 'outbound-rtp' && s.kind === 'video')
              layers.push({ rid: s.rid ?? '', width: s.frameWidth ?? 0 });
          },
        );
        return { state: pc.connectionState, layers };
      }),
    );
  });
}

const videoWidth = (page: Page) =>
  page.$eval('[data-testid="player-video"]', (v) => (v as HTMLVideoElement).videoWidth);

// CI installs Janus and Chromium, so under CI=true neither is optional (janusBinary throws there).
const janus = janusBinary();

describe.runIf(browserAvailable && janus)(
  'Chromium through the Janus SFU: one simulcast upload, a layer per viewer',
  { timeout: 120_000 },
  () => {
    let airwave: Awaited<ReturnType<typeof startAirwave>>;
    let browser: Browser;
    let streamer: Actor;
    const viewers: Actor[] = [];

    beforeAll(async () => {
      airwave = await startAirwave({ MEDIA_MODE: 'sfu', STUN_URLS: '' });
      // With mDNS host names Chromium hides the interface address Janus needs to reach it.
      browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
      streamer = await newUser(browser, airwave.url);
      await streamer.context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
    });
    afterAll(async () => {
      await browser?.close();
      await airwave?.stop();
    });

    it('two viewers pick 180p and 720p and get them; a third watches; the streamer uploads once', async () => {
      await registerThroughUi(streamer.page, 'sfuhost');
      await streamer.page.goto('/live');
      // The broadcaster asks for 720p and Chromium's fake camera draws at the size asked for.
      expect(await waitForDecodedVideo(streamer.page, '[data-testid="preview"]')).toEqual({
        width: 1280,
        height: 720,
      });
      await streamer.page.getByLabel('Title').fill('SFU simulcast test');
      await streamer.page.getByTestId('go-live').click();
      await streamer.page.getByTestId('live-timer').waitFor();
      // Under MEDIA_MODE=sfu the stream publishes to the media server as soon as it is live.
      await streamer.page.getByTestId('broadcast-sfu').waitFor();

      const watch = async () => {
        const v = await newUser(browser, airwave.url);
        await v.context.addInitScript({ content: RECORD_PLAYER });
        viewers.push(v);
        await registerThroughUi(v.page, 'sfufan');
        await v.page.goto('/');
        await v.page.getByTestId('stream-card').filter({ hasText: 'SFU simulcast test' }).click();
        await v.page.waitForURL(/\/streams\//);
        await waitForDecodedVideo(v.page);
        return v;
      };
      const low = await watch();
      const high = await watch();
      const choose = (v: Actor, label: '180p' | '720p') =>
        v.page.getByRole('combobox', { name: 'Quality' }).selectOption({ label });
      for (const v of [low, high]) {
        expect(await v.page.getByRole('combobox', { name: 'Quality' }).inputValue()).toBe('auto');
      }
      // On Auto both already get the top layer (the ramp-up is over by the first decoded frames
      // here), so the 720p viewer goes down to 180p first, then back up: both switches are seen.
      await choose(low, '180p');
      await choose(high, '180p');
      const isLow = (w: number) => w >= 300 && w <= 400;
      // Simulcast can take seconds to ramp up while Chromium's bandwidth estimate grows.
      await expect.poll(() => videoWidth(low.page).then(isLow), { timeout: 20_000 }).toBe(true);
      await expect.poll(() => videoWidth(high.page).then(isLow), { timeout: 20_000 }).toBe(true);
      await choose(high, '720p');
      await expect.poll(() => videoWidth(high.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(960);
      // Each viewer's layer is its own: the 180p one stays there.
      expect(isLow(await videoWidth(low.page))).toBe(true);

      await watch();
      // Three viewers, one upload: a single connection, to the SFU, carrying the three layers.
      const uploads = await openConnections(streamer.page);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]?.state).toBe('connected');
      expect(uploads[0]?.layers.map((l) => l.rid).sort()).toEqual(['h', 'l', 'm']);

      for (const actor of [streamer, ...viewers]) expect(actor.consoleErrors).toEqual([]);
    });

    it('Janus killed mid-stream: every viewer decodes again within 10 s, without reloading the page', async () => {
      const pid = Number(readFileSync(path.join(airwave.dataDir, 'janus', 'janus.pid'), 'utf8'));
      const killedAt = await Promise.all(viewers.map((v) => v.page.evaluate(() => performance.now())));
      process.kill(pid, 'SIGKILL');
      // A frame presented over a second after the kill can only come from a new subscription (the dead
      // one's jitter buffer drains in a few hundred ms); it must come within 10 s.
      await Promise.all(
        viewers.map((v, i) =>
          v.page.waitForFunction(
            (t) => (window as unknown as { __frames: number[] }).__frames.some((f) => f > t + 1000),
            killedAt[i] ?? 0,
            { timeout: 10_000, polling: 100 },
          ),
        ),
      );
      for (const [i, v] of viewers.entries()) {
        const firstAfter = await v.page.evaluate(
          (t) => (window as unknown as { __frames: number[] }).__frames.find((f) => f > t + 1000),
          killedAt[i] ?? 0,
        );
        expect((firstAfter ?? Number.POSITIVE_INFINITY) - (killedAt[i] ?? 0)).toBeLessThan(10_000);
        // The same page: its player swapped streams rather than the page loading again.
        expect(
          await v.page.evaluate(() => (window as unknown as { __swaps: number[] }).__swaps.length),
        ).toBeGreaterThan(1);
      }
      for (const actor of [streamer, ...viewers]) expect(actor.consoleErrors).toEqual([]);
    });
  },
);
