import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchBrowser,
  newUser,
  RECORD_PEER_CONNECTIONS,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';

type Actor = Awaited<ReturnType<typeof newUser>>;

type Encoding = { rid?: string; maxBitrate?: number; scaleResolutionDownBy?: number };

/** Every video encoding on each of the page's open connections, in order of opening. */
function videoEncodings(page: Page): Promise<Encoding[][]> {
  return page.evaluate(() =>
    ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [])
      .filter((pc) => pc.signalingState !== 'closed')
      .map((pc) =>
        pc
          .getSenders()
          .filter((s) => s.track?.kind === 'video')
          .flatMap((s) =>
            s.getParameters().encodings.map(({ rid, maxBitrate, scaleResolutionDownBy }) => ({
              rid,
              maxBitrate,
              scaleResolutionDownBy,
            })),
          ),
      ),
  );
}

/** The maxBitrate of every video encoding on each of the page's open connections, in order of opening. */
const videoCaps = async (page: Page) => (await videoEncodings(page)).map((pc) => pc.map((e) => e.maxBitrate));

/** A Socket.IO event frame (`42[ackId]["event", payload]`), parsed; null for anything else. */
function socketEvent(frame: string | Buffer): { event: string; payload: unknown } | null {
  const m = /^42\d*(\[.*)$/s.exec(String(frame));
  if (!m?.[1]) return null;
  const [event, payload] = JSON.parse(m[1]) as [string, unknown];
  return { event, payload };
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

describe.runIf(browserAvailable)(
  "the streamer's uplink and the player's quality menu in Chromium",
  { timeout: 120_000 },
  () => {
    let airwave: Awaited<ReturnType<typeof startAirwave>>;
    let browser: Browser;
    let streamer: Actor;
    const viewers: Actor[] = [];
    let streamUrl = '';
    // The streamer's socket passes through the test, which can hand it server events the P2P mode never sends.
    let streamerSocket: WebSocketRoute | null = null;
    const fromStreamer: { event: string; payload: unknown }[] = [];

    beforeAll(async () => {
      airwave = await startAirwave({ P2P_UPLINK_KBPS: '3000', STUN_URLS: '' });
      browser = await launchBrowser();
      streamer = await newUser(browser, airwave.url);
      await streamer.context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
      await streamer.page.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        streamerSocket = ws;
        ws.onMessage((m) => {
          const e = socketEvent(m);
          if (e) fromStreamer.push(e);
          server.send(m);
        });
        server.onMessage((m) => ws.send(m));
      });
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
      streamUrl = first.page.url();
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

    it('publishes once to the SFU peer with three VP8 simulcast layers, outside the P2P budget', async () => {
      const streamId = streamUrl.split('/streams/')[1]?.split(/[?#]/)[0] ?? '';
      // What the SFU mode's server sends the streamer when its stream moves to the media server.
      streamerSocket?.send(`42${JSON.stringify(['rtc-viewer-joined', { streamId, peerId: 'sfu' }])}`);
      await expect
        .poll(() => videoEncodings(streamer.page))
        .toEqual([
          [{ maxBitrate: 1_500_000, scaleResolutionDownBy: 1 }],
          [{ maxBitrate: 1_500_000, scaleResolutionDownBy: 1 }],
          [
            { rid: 'h', maxBitrate: 1_500_000, scaleResolutionDownBy: 1 },
            { rid: 'm', maxBitrate: 500_000, scaleResolutionDownBy: 2 },
            { rid: 'l', maxBitrate: 150_000, scaleResolutionDownBy: 4 },
          ],
        ]);
      type Signal = { peerId: string; signal: { description?: { type: string; sdp: string } } };
      const sfuOffer = () =>
        fromStreamer
          .filter((e) => e.event === 'rtc-signal')
          .map((e) => e.payload as Signal)
          .find((p) => p.peerId === 'sfu' && p.signal.description)?.signal.description;
      await expect.poll(sfuOffer).toBeTruthy();
      const offer = { type: '', sdp: '', ...sfuOffer() };
      expect(offer.type).toBe('offer');
      const video = offer.sdp.slice(offer.sdp.indexOf('m=video'));
      expect(video).toMatch(/a=sendonly/);
      expect(video).toMatch(/a=simulcast:send h;m;l/);
      for (const rid of ['h', 'm', 'l']) expect(video).toMatch(new RegExp(`a=rid:${rid} send`));
      // VP8 is the first (preferred) payload type of the video section.
      const firstPt = /^m=video \d+ [\w/]+ (\d+)/.exec(video)?.[1];
      expect(video).toMatch(new RegExp(`a=rtpmap:${firstPt} VP8/90000`));
      await streamer.page.getByTestId('broadcast-sfu').waitFor();

      // The SFU publication closes when the server says so; the P2P viewers never noticed.
      streamerSocket?.send(`42${JSON.stringify(['rtc-viewer-left', { streamId, peerId: 'sfu' }])}`);
      await expect.poll(() => videoCaps(streamer.page)).toEqual([[1_500_000], [1_500_000]]);
      await streamer.page.getByTestId('broadcast-sfu').waitFor({ state: 'detached' });
      for (const v of viewers) await stillDecoding(v.page);
      expect(streamer.consoleErrors).toEqual([]);
    });

    it('through the SFU the player offers Auto / 720p / 360p / 180p and sends the choice', async () => {
      const viewer = await newUser(browser, airwave.url);
      // The mesh answers rtc-request with mode "p2p"; this viewer is told "sfu", as the SFU mode answers.
      const requests = new Set<string>();
      const sent: { event: string; payload: unknown }[] = [];
      await viewer.page.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => {
          const id = /^42(\d+)\["rtc-request"/.exec(String(m))?.[1];
          if (id) requests.add(id);
          const e = socketEvent(m);
          if (e) sent.push(e);
          server.send(m);
        });
        server.onMessage((m) => {
          const ack = /^43(\d+)\[/.exec(String(m))?.[1];
          ws.send(ack && requests.has(ack) ? String(m).replace('"mode":"p2p"', '"mode":"sfu"') : m);
        });
      });
      await viewer.page.goto(streamUrl);
      await waitForDecodedVideo(viewer.page);
      const menu = viewer.page.getByRole('combobox', { name: 'Quality' });
      await expect(menu.inputValue()).resolves.toBe('auto');
      expect(await menu.locator('option').allInnerTexts()).toEqual(['Auto', '720p', '360p', '180p']);
      await menu.selectOption({ label: '180p' });
      await expect
        .poll(() => sent.filter((e) => e.event === 'rtc-quality').map((e) => e.payload))
        .toEqual([{ streamId: streamUrl.split('/streams/')[1], quality: 'low' }]);
      await stillDecoding(viewer.page);
      expect(viewer.consoleErrors).toEqual([]);
    });
  },
);
