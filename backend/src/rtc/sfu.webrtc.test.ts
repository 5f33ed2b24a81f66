import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SFU_PEER, STREAMER_PEER, type Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { janusBinary } from '../test/janus-available.ts';
import { sfuPeers } from '../test/sfu-peers.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';
import { startBroadcaster } from '../test/wrtc-peers.ts';

const binary = janusBinary();
let s: TestServer;
const code = async (p: Promise<unknown>) => ((await p) as { error?: { code: string } }).error?.code;
const offer = { description: { type: 'offer' as const, sdp: 'v=0 fake offer' } };
const answer = { description: { type: 'answer' as const, sdp: 'v=0 fake answer' } };

const peers = sfuPeers();
const liveStream = (title: string) => peers.liveStream(s, title);
const watcher = (streamId: string) => peers.watcher(s, streamId);

describe.skipIf(!binary)('SFU: real WebRTC through Janus', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    // No STUN: Janus and the Node peers meet on this machine's own addresses.
    s = await startTestServer({ MEDIA_MODE: 'sfu', STUN_URLS: '', JANUS_RTP_PORTS: '23000-23499' });
  });
  afterEach(async () => {
    peers.stopAll();
    await closeAllSockets();
  });
  afterAll(() => s?.close());

  it('the streamer publishes once through our signaling and three viewers each decode its video', async () => {
    const { stream, broadcaster } = await liveStream('SFU frames');
    expect(stream.mediaMode).toBe('sfu');
    expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body.mediaMode).toBe('sfu');

    const viewers = await Promise.all([0, 1, 2].map(() => watcher(stream.id)));
    for (const { socket, viewer } of viewers) {
      expect(await viewer.request(stream.id)).toEqual({ peerId: socket.id, mode: 'sfu' });
    }
    for (const { viewer } of viewers) expect((await viewer.decoded(10)).width).toBe(320);
    // One upload, whatever the audience: the streamer only ever peers with the SFU.
    expect([...broadcaster.peers.keys()]).toEqual([SFU_PEER]);

    // A pinned layer is accepted (this publisher sends one layer, so the picture stays the same).
    const first = viewers[0];
    if (!first) throw new Error('no viewers');
    await ok(first.socket, 'rtc-quality', { streamId: stream.id, quality: 'low' });
    await ok(first.socket, 'rtc-quality', { streamId: stream.id, quality: 'auto' });
    expect((await first.viewer.decoded(10)).width).toBe(320);
  });

  it('a streamer back on a new connection is asked to publish again, and viewers get the picture back unasked', async () => {
    const { stream, streamer, host, broadcaster } = await liveStream('SFU streamer reconnects');
    const viewers = await Promise.all([0, 1].map(() => watcher(stream.id)));
    for (const { viewer } of viewers) await viewer.request(stream.id);
    for (const { viewer } of viewers) await viewer.decoded(10);

    host.disconnect();
    broadcaster.stop();
    const back = await connectSocket(s.url, { token: streamer.accessToken });
    const asked = nextEvent(back, 'rtc-viewer-joined', (p) => p.peerId === SFU_PEER, 10_000);
    const resumed = startBroadcaster(back, stream.id);
    onTestFinished(resumed.stop);
    await ok(back, 'join-stream', { streamId: stream.id });
    await asked;
    // No rtc-request again: the server re-subscribes them to the new publication.
    for (const { viewer } of viewers) expect((await viewer.decoded(10)).width).toBe(320);
  });

  it('refuses a viewer publishing, signaling for another viewer, and subscribing to an ended stream', async () => {
    const { stream, streamer, host } = await liveStream('SFU refusals');
    const a = await watcher(stream.id);
    const b = await watcher(stream.id);
    expect(await code(emitAck(a.socket, 'rtc-quality', { streamId: stream.id, quality: 'low' }))).toBe(
      'FORBIDDEN',
    );
    await ok(a.socket, 'rtc-request', { streamId: stream.id });
    const { peerId: bId } = await ok(b.socket, 'rtc-request', { streamId: stream.id });

    // A viewer (anonymous or signed in) cannot publish to the SFU, nor offer anything.
    const pretender = await s.register();
    const signedIn = await connectSocket(s.url, { token: pretender.accessToken });
    await ok(signedIn, 'join-stream', { streamId: stream.id });
    for (const socket of [a.socket, signedIn]) {
      expect(
        await code(emitAck(socket, 'rtc-signal', { streamId: stream.id, peerId: SFU_PEER, signal: offer })),
      ).toBe('FORBIDDEN');
    }
    expect(
      await code(
        emitAck(a.socket, 'rtc-signal', { streamId: stream.id, peerId: STREAMER_PEER, signal: offer }),
      ),
    ).toBe('FORBIDDEN');
    // Nor signal for another viewer; and the streamer talks to the SFU only, never to a viewer.
    expect(
      await code(emitAck(a.socket, 'rtc-signal', { streamId: stream.id, peerId: bId, signal: answer })),
    ).toBe('FORBIDDEN');
    expect(await code(emitAck(host, 'rtc-signal', { streamId: stream.id, peerId: bId, signal: offer }))).toBe(
      'FORBIDDEN',
    );

    const late = await watcher(stream.id);
    const ended = await s.api('POST', `/api/streams/${stream.id}/end`, {
      token: streamer.accessToken,
      body: {},
    });
    expect(ended.status).toBe(200);
    expect(await code(emitAck(late.socket, 'rtc-request', { streamId: stream.id }))).toBe('STREAM_NOT_LIVE');
    expect(
      await code(emitAck(host, 'rtc-signal', { streamId: stream.id, peerId: SFU_PEER, signal: offer })),
    ).toBe('STREAM_NOT_LIVE');
  });

  it('Janus killed mid-stream: it is restarted, the streamer republishes and the viewers decode again within 10 s', async () => {
    const { stream, host } = await liveStream('SFU survives Janus');
    const viewers = await Promise.all([0, 1, 2].map(() => watcher(stream.id)));
    for (const { viewer } of viewers) await viewer.request(stream.id);
    for (const { viewer } of viewers) await viewer.decoded(10);

    const pid = Number(readFileSync(path.join(s.dataDir, 'janus', 'janus.pid'), 'utf8'));
    const republish = nextEvent(host, 'rtc-viewer-left', (p) => p.peerId === SFU_PEER, 10_000).then(() =>
      nextEvent(host, 'rtc-viewer-joined', (p) => p.peerId === SFU_PEER, 10_000),
    );
    const reoffered = viewers.map(({ socket }: { socket: TestSocket }) =>
      nextEvent(socket, 'rtc-signal', (p) => 'description' in p.signal, 10_000),
    );
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');

    expect(await republish).toEqual({ streamId: stream.id, peerId: SFU_PEER });
    await Promise.all(reoffered);
    await Promise.all(viewers.map(({ viewer }) => viewer.decoded(10, 10_000 - (Date.now() - killedAt))));
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    const newPid = Number(readFileSync(path.join(s.dataDir, 'janus', 'janus.pid'), 'utf8'));
    expect(newPid).not.toBe(pid);
  });
});
