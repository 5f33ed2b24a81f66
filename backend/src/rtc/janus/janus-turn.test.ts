import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { SFU_PEER } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../../test/janus-available.ts';
import { coturnAvailable, type PrivateCoturn, startPrivateCoturn } from '../../test/private-services.ts';
import { sfuPeers } from '../../test/sfu-peers.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { closeAllSockets } from '../../test/test-socket.ts';
import { JANUS_TURN_TTL_SECONDS } from './janus-config.ts';

const binary = janusBinary();
const TURN_SECRET = 'janus-turn-test-secret';
// Janus gathers on the machine's interfaces, never loopback: coturn listens where Janus can reach it.
const ip =
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
const jcfgValue = (text: string, key: string) => new RegExp(`^\\s*${key} = (.*)$`, 'm').exec(text)?.[1];

describe.runIf(Boolean(binary) && coturnAvailable())(
  'the private Janus uses the viewers’ TURN',
  { timeout: 60_000 },
  () => {
    const peers = sfuPeers();
    let coturn: PrivateCoturn;
    let s: TestServer;
    beforeAll(async () => {
      coturn = await startPrivateCoturn(TURN_SECRET, { ip });
      s = await startTestServer({
        MEDIA_MODE: 'sfu',
        JANUS_RTP_PORTS: '24400-24499',
        TURN_URLS: `${coturn.url},turns:turn.example.test:5349?transport=tcp`,
        TURN_SECRET,
      });
    });
    afterAll(async () => {
      peers.stopAll();
      await closeAllSockets();
      await s?.close();
      await coturn?.destroy();
    });

    it('Janus offers viewers a relay candidate on coturn (an allocation made with that credential)', async () => {
      const { stream } = await peers.liveStream(s, 'Janus through TURN');
      const { socket, viewer } = await peers.watcher(s, stream.id);
      const seen: string[] = [];
      socket.on('rtc-signal', ({ peerId, signal }) => {
        if (peerId !== SFU_PEER) return;
        if ('description' in signal) seen.push(signal.description.sdp);
        else if (signal.candidate) seen.push(signal.candidate.candidate);
      });
      await viewer.request(stream.id);
      await viewer.decoded(5);
      const relay = seen.join('\n').match(/candidate:.* typ relay.*/g) ?? [];
      expect(relay.length).toBeGreaterThan(0);
      expect(relay.some((c) => c.includes(` ${ip} `))).toBe(true);
    });

    it('its config (rendered at start) names the first TURN server with a long-lived credential minted from TURN_SECRET', () => {
      const core = readFileSync(path.join(s.dataDir, 'janus', 'janus.jcfg'), 'utf8');
      expect(jcfgValue(core, 'turn_server')).toBe(`"${ip}"`);
      expect(jcfgValue(core, 'turn_port')).toBe(String(coturn.port));
      expect(jcfgValue(core, 'turn_type')).toBe('"udp"');
      const user = JSON.parse(jcfgValue(core, 'turn_user') ?? '""') as string;
      const [expiry, who] = user.split(':');
      expect(who).toBe('janus');
      expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(JANUS_TURN_TTL_SECONDS - 120);
      expect(JSON.parse(jcfgValue(core, 'turn_pwd') ?? '""')).toBe(
        createHmac('sha1', TURN_SECRET).update(user).digest('base64'),
      );
      // The secret itself never reaches Janus.
      expect(core).not.toContain(TURN_SECRET);
    });
  },
);
