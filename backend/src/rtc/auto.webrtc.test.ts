import { SFU_PEER, type Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../test/janus-available.ts';
import { sfuPeers } from '../test/sfu-peers.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, nextEvent, ok } from '../test/test-socket.ts';

const binary = janusBinary();
const peers = sfuPeers();
const code = async (p: Promise<unknown>) => ((await p) as { error?: { code: string } }).error?.code;

/** A live stream on the mesh: the streamer joins, and publishes only when a viewer or the SFU asks. */
async function goLive(s: TestServer, title: string) {
  const live = await peers.live(s, title);
  await ok(live.host, 'join-stream', { streamId: live.stream.id });
  return live;
}
const watcher = peers.watcher;

const until = async (check: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

afterEach(async () => {
  peers.stopAll();
  await closeAllSockets();
});

describe.skipIf(!binary)(
  'MEDIA_MODE=auto: the mesh, then Janus past SFU_SWITCH_VIEWERS',
  { timeout: 90_000 },
  () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({
        MEDIA_MODE: 'auto',
        SFU_SWITCH_VIEWERS: '2',
        STUN_URLS: '',
        JANUS_RTP_PORTS: '23500-23999',
      });
    });
    afterAll(() => s?.close());

    it('two viewers on the mesh; the third moves the stream to the SFU and the first two follow make-before-break', async () => {
      const { stream, host, broadcaster } = await goLive(s, 'Auto switch');
      expect(stream.mediaMode).toBe('p2p');

      const early = [await watcher(s, stream.id), await watcher(s, stream.id)];
      for (const { viewer } of early) expect((await viewer.request(stream.id)).mode).toBe('p2p');
      for (const { viewer } of early) await viewer.decoded(10);
      expect([...broadcaster.peers.keys()].sort()).toEqual(early.map((v) => v.socket.id).sort());

      // The streamer's direct connection to a viewer goes only when that viewer says it has moved.
      const leftAt = new Map<string, number>();
      host.on('rtc-viewer-left', ({ peerId }) => leftAt.set(peerId, Date.now()));
      const onSfuAt = new Map<string, number>();
      for (const { socket, viewer } of early) {
        void until(() => viewer.peers().shown === SFU_PEER, 30_000, 'the SFU picture').then(() =>
          onSfuAt.set(socket.id ?? '', Date.now()),
        );
      }
      const published = nextEvent(host, 'rtc-viewer-joined', (p) => p.peerId === SFU_PEER, 15_000);
      const moved = early.map(({ socket }) => nextEvent(socket, 'rtc-mode', () => true, 15_000));

      const third = await watcher(s, stream.id);
      expect(await third.viewer.request(stream.id)).toEqual({ peerId: third.socket.id, mode: 'sfu' });
      expect(await published).toEqual({ streamId: stream.id, peerId: SFU_PEER });
      for (const m of await Promise.all(moved)) expect(m).toEqual({ streamId: stream.id, mode: 'sfu' });
      await third.viewer.decoded(10, 20_000);

      // The early viewers swapped to the SFU picture, then released; the streamer uploads once.
      await until(() => broadcaster.peers.size === 1, 30_000, 'the direct connections to close');
      expect([...broadcaster.peers.keys()]).toEqual([SFU_PEER]);
      for (const { socket, viewer } of early) {
        expect(viewer.peers()).toEqual({ shown: SFU_PEER, open: [SFU_PEER] });
        const id = socket.id ?? '';
        expect(leftAt.get(id)).toBeGreaterThanOrEqual(viewer.releasedAt() ?? Number.POSITIVE_INFINITY);
        await viewer.decoded(10);
      }
      expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body.mediaMode).toBe('sfu');

      // Hysteresis: the audience shrinking back does not move the stream again.
      for (const { socket } of [...early, third]) socket.disconnect();
      const late = await watcher(s, stream.id);
      expect((await late.viewer.request(stream.id)).mode).toBe('sfu');
      await late.viewer.decoded(10, 20_000);
    });

    it('rtc-release is refused to a socket that never asked for the media', async () => {
      const { stream } = await goLive(s, 'Release refusal');
      const idle = await connectSocket(s.url);
      await ok(idle, 'join-stream', { streamId: stream.id });
      expect(await code(emitAck(idle, 'rtc-release', { streamId: stream.id }))).toBe('FORBIDDEN');
    });
  },
);

describe('MEDIA_MODE=auto with no Janus reachable', { timeout: 60_000 }, () => {
  let s: TestServer;
  beforeAll(async () => {
    // A Janus that never answers: the switch waits for one and the mesh carries the stream meanwhile.
    s = await startTestServer({
      MEDIA_MODE: 'auto',
      SFU_SWITCH_VIEWERS: '1',
      P2P_MAX_VIEWERS: '2',
      JANUS_URL: 'ws://127.0.0.1:9',
      JANUS_API_SECRET: 'unused',
    });
  });
  afterAll(() => s?.close());

  it('stays on the mesh up to P2P_MAX_VIEWERS, says so once in the log, and then the stream is full', async () => {
    const { stream } = await goLive(s, 'No Janus');
    const viewers = await Promise.all([0, 1, 2].map(() => watcher(s, stream.id)));
    const [a, b, c] = viewers.map((v) => v.socket);
    if (!a || !b || !c) throw new Error('no viewers');
    expect((await ok(a, 'rtc-request', { streamId: stream.id })).mode).toBe('p2p');
    expect((await ok(b, 'rtc-request', { streamId: stream.id })).mode).toBe('p2p');
    expect(await code(emitAck(c, 'rtc-request', { streamId: stream.id }))).toBe('STREAM_FULL');
    expect(await code(emitAck(c, 'rtc-request', { streamId: stream.id }))).toBe('STREAM_FULL');
    expect(s.logs.filter((l) => l.includes('no Janus is reachable'))).toHaveLength(1);
    expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body.mediaMode).toBe('p2p');
  });
});
