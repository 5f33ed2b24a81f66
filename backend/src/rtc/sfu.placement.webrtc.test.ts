import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFU_PEER } from '@airwave/shared';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { janusBinary } from '../test/janus-available.ts';
import { freePort } from '../test/private-services.ts';
import { redisAvailable, TEST_REDIS_URL } from '../test/redis-available.ts';
import { sfuPeers } from '../test/sfu-peers.ts';
import { openTestDatabase } from '../test/test-database.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, nextEvent } from '../test/test-socket.ts';
import { type JanusProcess, startJanusProcess } from './janus/janus-process.ts';

const binary = janusBinary();
const ready = Boolean(binary) && (await redisAvailable());
const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/janus');

/** Two Janus servers (as an operator would run them: fixed ports, one API secret) and two backend nodes. */
describe.runIf(ready)('SFU across Janus servers and backend nodes', { timeout: 120_000 }, () => {
  const peers = sfuPeers();
  const prefix = `airwave-sfu-${randomBytes(4).toString('hex')}:`;
  const janus = new Map<string, JanusProcess>();
  const dirs: string[] = [];
  let redis: Redis;
  let database: Database;
  let a: TestServer;
  let b: TestServer;

  /** Where the stream is, as every node reads it. */
  const placement = async (streamId: string) => redis.hgetall(`sfu:placement:${streamId}`);

  beforeAll(async () => {
    const apiSecret = randomBytes(32).toString('base64url');
    for (const rtpPorts of ['24000-24199', '24200-24399']) {
      const dir = mkdtempSync(path.join(tmpdir(), 'airwave-janus-'));
      dirs.push(dir);
      const wsPort = await freePort();
      const proc = startJanusProcess({
        binary: binary ?? 'janus',
        dir,
        templatesDir,
        rtpPorts,
        wsPort,
        apiSecret,
        logger: pino({ level: 'silent' }),
      });
      janus.set(`ws://127.0.0.1:${wsPort}`, proc);
    }
    await Promise.all([...janus.values()].map((j) => j.endpoint()));
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: prefix });
    database = await openTestDatabase();
    const env = {
      MEDIA_MODE: 'sfu' as const,
      JANUS_URLS: [...janus.keys()].join(','),
      JANUS_API_SECRET: apiSecret,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
    };
    a = await startTestServer(env, { database });
    b = await startTestServer(env, { database });
  });
  afterEach(async () => {
    peers.stopAll();
    await closeAllSockets();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.close();
    await Promise.all([...janus.values()].map((j) => j.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    redis?.disconnect();
  });

  it('places streams on the least-loaded Janus, and viewers on the other node decode them', async () => {
    // Streamer on node A, viewers on node B: the picture crosses nodes through the shared placement.
    const one = await peers.liveStream(a, 'on the first Janus');
    const onB = await Promise.all([0, 1].map(() => peers.watcher(b, one.stream.id)));
    for (const { viewer } of onB) await viewer.request(one.stream.id);
    for (const { viewer } of onB) expect((await viewer.decoded(10)).width).toBe(320);
    const first = (await placement(one.stream.id)).janus;
    expect(janus.has(first ?? '')).toBe(true);

    // That Janus now carries 3 peer connections (a publisher, 2 subscribers): the next stream goes elsewhere.
    const two = await peers.liveStream(b, 'on the second Janus');
    const second = (await placement(two.stream.id)).janus;
    expect(janus.has(second ?? '')).toBe(true);
    expect(second).not.toBe(first);
    const onA = await peers.watcher(a, two.stream.id);
    await onA.viewer.request(two.stream.id);
    expect((await onA.viewer.decoded(10)).width).toBe(320);

    // 3 there against 2 here: the least loaded again, not the next in turn.
    const three = await peers.liveStream(a, 'least loaded, not round robin');
    expect((await placement(three.stream.id)).janus).toBe(second);
  });

  it('a Janus killed mid-stream: the stream moves to the other one and viewers decode again within 10 s', async () => {
    const { stream, host } = await peers.liveStream(a, 'survives its Janus');
    const viewers = await Promise.all([peers.watcher(b, stream.id), peers.watcher(a, stream.id)]);
    for (const { viewer } of viewers) await viewer.request(stream.id);
    for (const { viewer } of viewers) await viewer.decoded(10);
    const before = await placement(stream.id);
    const proc = janus.get(before.janus ?? '');
    const pid = proc?.pid();
    if (!pid) throw new Error(`no Janus process for ${before.janus}`);

    const republish = nextEvent(host, 'rtc-viewer-left', (p) => p.peerId === SFU_PEER, 10_000).then(() =>
      nextEvent(host, 'rtc-viewer-joined', (p) => p.peerId === SFU_PEER, 10_000),
    );
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');

    expect(await republish).toEqual({ streamId: stream.id, peerId: SFU_PEER });
    await Promise.all(viewers.map(({ viewer }) => viewer.decoded(10, 10_000 - (Date.now() - killedAt))));
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    const after = await placement(stream.id);
    expect(after.janus).not.toBe(before.janus);
    expect(janus.has(after.janus ?? '')).toBe(true);
    expect(after.room).not.toBe(before.room);
  });
});
