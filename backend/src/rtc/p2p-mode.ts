import { type RtcSignalPayload, STREAMER_PEER } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { AirwaveServer } from '../realtime/socket-handler.ts';
import { broadcasterRoom, mediaRoom, peerRoom } from '../rooms/room-names.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { assertMayWatch, type MediaMode } from './media-mode.ts';

interface Deps {
  io: AirwaveServer;
  streams: StreamsService;
  maxViewers: number;
}

/**
 * The seed's MVP mesh: the streamer keeps one peer connection per viewer, and the server only
 * relays offers, answers and ICE candidates. Rooms carry the relay, so it works across nodes:
 * a viewer's peer id is its socket id, and the streamer's signals for it go to its peer room,
 * which only that socket joins. A viewer can only ever reach the broadcaster room.
 */
export function createP2pMode({ io, streams, maxViewers }: Deps): MediaMode {
  return {
    name: 'p2p',

    async request(socket, streamId) {
      await assertMayWatch(socket, streams, streamId);
      const room = mediaRoom(streamId);
      if (!socket.rooms.has(room)) {
        const holders = await io.in(room).fetchSockets();
        if (holders.length >= maxViewers) {
          throw new AppError(
            'STREAM_FULL',
            `This stream is full (${maxViewers} viewers in peer-to-peer mode). Try again in a moment.`,
            { maxViewers },
          );
        }
        await socket.join([room, peerRoom(streamId, socket.id)]);
      }
      io.to(broadcasterRoom(streamId)).emit('rtc-viewer-joined', { streamId, peerId: socket.id });
      return { peerId: socket.id, mode: 'p2p' };
    },

    async signal(socket, { streamId, peerId, signal }: RtcSignalPayload) {
      if (socket.rooms.has(broadcasterRoom(streamId))) {
        // Only the owner's sockets are in the broadcaster room (join-stream checks ownership).
        if (peerId === STREAMER_PEER) throw new AppError('FORBIDDEN', 'The streamer cannot signal itself.');
        io.to(peerRoom(streamId, peerId)).emit('rtc-signal', { streamId, peerId: STREAMER_PEER, signal });
        return;
      }
      if (!socket.rooms.has(peerRoom(streamId, socket.id))) {
        throw new AppError('FORBIDDEN', 'Ask for the stream’s video (rtc-request) before signaling.');
      }
      if (peerId !== STREAMER_PEER) throw new AppError('FORBIDDEN', 'Viewers can only signal the streamer.');
      io.to(broadcasterRoom(streamId)).emit('rtc-signal', { streamId, peerId: socket.id, signal });
    },

    // The streamer sends one layer to each viewer in the mesh: there is nothing to pick.
    async setQuality(socket, streamId) {
      if (!socket.data.joined.includes(streamId)) {
        throw new AppError('FORBIDDEN', 'Join the stream before choosing its quality.');
      }
    },

    viewerLeft(streamId, peerId) {
      io.to(broadcasterRoom(streamId)).emit('rtc-viewer-left', { streamId, peerId });
    },
  };
}
