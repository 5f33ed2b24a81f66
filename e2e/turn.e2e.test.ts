import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../backend/src/test/janus-available.ts';
import {
  coturnAvailable,
  type PrivateCoturn,
  startPrivateCoturn,
} from '../backend/src/test/private-services.ts';
import {
  browserAvailable,
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from './harness.ts';

const TURN_SECRET = 'e2e-turn-secret-0123456789';

/**
 * A viewer behind a NAT that lets nothing through but a TURN relay, as far as its browser knows:
 * every peer connection the page makes is forced to `iceTransportPolicy: 'relay'`. Done in the
 * test, not in the app: production code has no switch for it, and the app's own ICE servers (from
 * `rtc-ice-servers`) are left as they are, so the relay must come from what the server minted.
 */
const RELAY_ONLY = `(() => {
  const Native = window.RTCPeerConnection;
  window.__peers = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super({ ...config, iceTransportPolicy: 'relay' });
      window.__peers.push(this);
    }
  };
})();`;

// CI installs Janus, so there the SFU case runs too (janusBinary throws under CI=true without it).
// Janus gathers on the machine's interfaces, never loopback, so for the SFU coturn listens (and
// relays) on the interface address; the mesh case keeps it on loopback.
const interfaceIp =
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
const modes = [
  { mode: 'p2p', title: 'Through the relay', host: 'turnhost', ready: null, ip: '127.0.0.1' },
  { mode: 'sfu', title: 'Relay to the SFU', host: 'turnsfu', ready: 'broadcast-sfu', ip: interfaceIp },
] as const;

describe
  .runIf(browserAvailable && coturnAvailable())
  .each(modes.filter((m) => m.mode === 'p2p' || janusBinary()))(
  'TURN through coturn, MEDIA_MODE=$mode',
  { timeout: 120_000 },
  ({ mode, title, host, ready, ip }) => {
    let coturn: PrivateCoturn;
    let airwave: Awaited<ReturnType<typeof startAirwave>>;
    let browser: Browser;

    beforeAll(async () => {
      coturn = await startPrivateCoturn(TURN_SECRET, { ip });
      airwave = await startAirwave({ MEDIA_MODE: mode, STUN_URLS: '', TURN_URLS: coturn.url, TURN_SECRET });
      // With mDNS host names Chromium hides the interface address Janus needs to reach the streamer.
      browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
    });
    afterAll(async () => {
      await browser?.close();
      await airwave?.stop();
      await coturn?.destroy();
    });

    it('a relay-only viewer decodes the stream, its selected candidate pair being a relay', async () => {
      const streamer = await newUser(browser, airwave.url);
      await registerThroughUi(streamer.page, host);
      await streamer.page.goto('/live');
      await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
      await streamer.page.getByLabel('Title').fill(title);
      await streamer.page.getByLabel('Category').selectOption('music');
      await streamer.page.getByTestId('go-live').click();
      await streamer.page.getByTestId('live-timer').waitFor();
      if (ready) await streamer.page.getByTestId(ready).waitFor();

      // An anonymous viewer: joining the live stream is all it takes to get TURN credentials.
      const viewer = await newUser(browser, airwave.url);
      await viewer.context.addInitScript({ content: RELAY_ONLY });
      await viewer.page.goto('/');
      await viewer.page.getByTestId('stream-card').filter({ hasText: title }).click();
      await viewer.page.waitForURL(/\/streams\//);
      const size = await waitForDecodedVideo(viewer.page);
      expect(size.width).toBeGreaterThan(0);

      const path = await viewer.page.evaluate(async () => {
        const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
        const pc = peers.find((p) => p.connectionState === 'connected');
        if (!pc) return null;
        const stats = new Map<string, Record<string, unknown>>();
        (await pc.getStats()).forEach((s: Record<string, unknown>) => {
          stats.set(String(s.id), s);
        });
        const transport = [...stats.values()].find((s) => s.type === 'transport');
        const pair = stats.get(String(transport?.selectedCandidatePairId));
        const config = pc.getConfiguration();
        return {
          policy: config.iceTransportPolicy,
          turnUrls: (config.iceServers ?? []).filter((s) => s.username).flatMap((s) => s.urls),
          local: stats.get(String(pair?.localCandidateId))?.candidateType,
          localAddress: stats.get(String(pair?.localCandidateId))?.address,
          pairState: pair?.state,
        };
      });
      expect(path).toEqual({
        policy: 'relay',
        // The server's own answer, with the credential it minted for this socket.
        turnUrls: [coturn.url],
        local: 'relay',
        localAddress: ip,
        pairState: 'succeeded',
      });
      expect(viewer.consoleErrors).toEqual([]);
    });
  },
);
