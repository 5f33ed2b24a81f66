import type { Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, nextEvent, ok } from '../test/test-socket.ts';
import { startBroadcaster, startViewer } from '../test/wrtc-peers.ts';

let s: TestServer;
beforeAll(async () => {
  // No STUN on loopback: host candidates are enough and the test needs no network.
  s = await startTestServer({ STUN_URLS: '', STREAMER_GRACE_SECONDS: '10' });
});
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await closeAllSockets();
});
afterAll(() => s.close());

describe('real WebRTC through our signaling', { timeout: 60_000 }, () => {
  it('three viewers each decode the streamer’s video, and get it back after the streamer reconnects', async () => {
    const streamer = await s.register();
    const stream = (
      await s.api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title: 'Real frames', category: 'music' },
      })
    ).body;
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    const broadcaster = startBroadcaster(host, stream.id);
    cleanups.push(broadcaster.stop);

    const viewers = await Promise.all(
      [0, 1, 2].map(async () => {
        const socket = await connectSocket(s.url);
        await ok(socket, 'join-stream', { streamId: stream.id });
        const viewer = startViewer(socket);
        cleanups.push(viewer.close);
        return { socket, viewer };
      }),
    );
    for (const { viewer } of viewers) await viewer.request(stream.id);
    for (const { viewer } of viewers) {
      const got = await viewer.decoded(10);
      expect(got.width).toBe(320);
    }
    expect(broadcaster.peers.size).toBe(3);

    // The streamer's connection drops; within the grace period it comes back on a new socket.
    const first = viewers[0];
    if (!first) throw new Error('no viewers');
    const offline = nextEvent(first.socket, 'streamer-status', (p) => !p.online);
    host.disconnect();
    broadcaster.stop();
    await offline;
    const back = await connectSocket(s.url, { token: streamer.accessToken });
    const onlineAgain = viewers.map(({ socket }) => nextEvent(socket, 'streamer-status', (p) => p.online));
    await ok(back, 'join-stream', { streamId: stream.id });
    await Promise.all(onlineAgain);
    const resumed = startBroadcaster(back, stream.id);
    cleanups.push(resumed.stop);
    // Viewers ask again when the streamer is back, as the web player does.
    for (const { viewer } of viewers) await viewer.request(stream.id);
    for (const { viewer } of viewers) expect((await viewer.decoded(10)).width).toBe(320);
    expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body.status).toBe('live');
  });
});
