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
    /** A live SFU stream whose Node streamer (synthetic frames) publishes as soon as the server asks. */
    async liveStream(server: TestServer, title: string) {
      const streamer = await server.register();
      const stream = (
        await server.api<Stream>('POST', '/api/streams', {
          token: streamer.accessToken,
          body: { title, category: 'music' },
        })
      ).body;
      const host = await connectSocket(server.url, { token: streamer.accessToken });
      const asked = nextEvent(host, 'rtc-viewer-joined', (p) => p.peerId === SFU_PEER, 15_000);
      const broadcaster = startBroadcaster(host, stream.id);
      cleanups.push(broadcaster.stop);
      await ok(host, 'join-stream', { streamId: stream.id });
      expect(await asked).toEqual({ streamId: stream.id, peerId: SFU_PEER });
      return { stream, streamer, host, broadcaster };
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
