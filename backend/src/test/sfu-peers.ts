import { SFU_PEER, type Stream } from '@airwave/shared';
import { expect } from 'vitest';
import type { TestServer } from './test-server.ts';
import { connectSocket, nextEvent, ok } from './test-socket.ts';
import { startBroadcaster, startViewer } from './wrtc-peers.ts';

/**
 * Streamers and viewers of SFU streams on a test server (or one node of several); what they start
 * is stopped by `stopAll` after each test.
 */
export function sfuPeers() {
  const cleanups: Array<() => void> = [];
  return {
    /** A live stream with a Node streamer (synthetic frames) that answers every peer the server names. */
    async live(server: TestServer, title: string) {
      const streamer = await server.register();
      const stream = (
        await server.api<Stream>('POST', '/api/streams', {
          token: streamer.accessToken,
          body: { title, category: 'music' },
        })
      ).body;
      const host = await connectSocket(server.url, { token: streamer.accessToken });
      const broadcaster = startBroadcaster(host, stream.id);
      cleanups.push(broadcaster.stop);
      return { stream, streamer, host, broadcaster };
    },

    /** A live SFU stream whose streamer publishes as soon as the server asks (on joining). */
    async liveStream(server: TestServer, title: string) {
      const live = await this.live(server, title);
      const { host, stream } = live;
      const asked = nextEvent(host, 'rtc-viewer-joined', (p) => p.peerId === SFU_PEER, 15_000);
      await ok(host, 'join-stream', { streamId: stream.id });
      expect(await asked).toEqual({ streamId: stream.id, peerId: SFU_PEER });
      return live;
    },

    /** An anonymous viewer who joined the stream (and has not asked for its video yet). */
    async watcher(server: TestServer, streamId: string) {
      const socket = await connectSocket(server.url);
      await ok(socket, 'join-stream', { streamId });
      const viewer = startViewer(socket);
      cleanups.push(viewer.close);
      return { socket, viewer };
    },

    stopAll() {
      for (const c of cleanups.splice(0)) c();
    },
  };
}
