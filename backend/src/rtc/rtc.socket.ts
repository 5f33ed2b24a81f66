import { AppError } from '../core/app-error.ts';
import type { AirwaveServer, EventHandlers } from '../realtime/socket-handler.ts';
import { broadcasterRoom, peerRoom } from '../rooms/room-names.ts';
import type { MediaMode } from './media-mode.ts';

const MEDIA_ROOM = /^media:(.+)$/;

/** rtc-request / rtc-signal on each socket; viewer departures reported to the streamer. */
export function rtcEvents(io: AirwaveServer, media: MediaMode): EventHandlers {
  // Leaving the media room is the one signal for "this viewer's media session is over", whether the
  // viewer left the stream or its connection died; the adapter reports it on the viewer's node.
  io.of('/').adapter.on('leave-room', (room: string, socketId: string) => {
    const streamId = MEDIA_ROOM.exec(room)?.[1];
    if (streamId) media.viewerLeft(streamId, socketId);
  });

  return {
    'rtc-request': (socket, { streamId }) => media.request(socket, streamId),
    'rtc-signal': async (socket, payload) => {
      await media.signal(socket, payload);
      return {};
    },
    'rtc-quality': async (socket, { streamId, quality }) => {
      await media.setQuality(socket, streamId, quality);
      return {};
    },
    // The viewer plays from the SFU now: the streamer's direct connection to it can go. Harmless in
    // any mode (a streamer with no such connection ignores it), so it needs no mode of its own.
    'rtc-release': async (socket, { streamId }) => {
      if (!socket.rooms.has(peerRoom(streamId, socket.id))) {
        throw new AppError('FORBIDDEN', 'Ask for the stream’s video (rtc-request) before releasing it.');
      }
      io.to(broadcasterRoom(streamId)).emit('rtc-viewer-left', { streamId, peerId: socket.id });
      return {};
    },
  };
}
