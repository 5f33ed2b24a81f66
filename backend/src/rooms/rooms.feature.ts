import type { ChatService } from '../chat/chat.service.ts';
import type { Logger } from '../logger.ts';
import { backgroundErrorLog } from '../platform/background-errors.ts';
import type { AirwaveServer, AirwaveSocket } from '../realtime/socket-handler.ts';
import type { StreamsRepository } from '../streams/streams.repository.ts';
import type { StreamEvents, StreamsService } from '../streams/streams.service.ts';
import { streamRoom } from './room-names.ts';
import { registerRoomHandlers } from './rooms.socket.ts';
import { createStreamerPresence } from './streamer-presence.ts';
import { createViewerCounter } from './viewer-counter.ts';

interface Deps {
  io: AirwaveServer;
  streams: StreamsService;
  streamsRepo: StreamsRepository;
  chat: ChatService;
  logger: Logger;
  graceMs: number;
  viewerCountIntervalMs: number;
  viewersPerIp: number;
}

/** Live rooms: membership, viewer counts, the streamer's grace period, and stream events to rooms. */
export function createRoomsFeature({
  io,
  streams,
  streamsRepo,
  chat,
  logger,
  graceMs,
  viewerCountIntervalMs,
  viewersPerIp,
}: Deps) {
  const onError = backgroundErrorLog(logger, 'rooms background task');

  // A stream's streamer never changes, so the lookup is cached for the life of the process.
  const streamerIds = new Map<string, string>();
  async function streamerOf(streamId: string): Promise<string | undefined> {
    const known = streamerIds.get(streamId);
    if (known) return known;
    const stream = await streamsRepo.findById(streamId);
    if (stream) streamerIds.set(streamId, stream.streamerId);
    return stream?.streamerId;
  }

  const viewers = createViewerCounter({
    io,
    streamerOf,
    persist: (streamId, n) => streamsRepo.setViewerCount(streamId, n),
    onError,
    intervalMs: viewerCountIntervalMs,
    viewersPerIp,
  });
  const presence = createStreamerPresence({
    io,
    graceMs,
    endStream: async (streamId) => void (await streams.endNow(streamId, 'streamer-disconnected')),
    onError,
  });

  // Every node sweeps now and then for live streams whose streamer is connected nowhere: their grace
  // timer may have died with another node, or the streamer never connected after going live.
  const sweepEveryMs = Math.max(graceMs, 1000);
  const sweep = setInterval(() => {
    streamsRepo
      .liveStartedBefore(new Date(Date.now() - graceMs))
      .then((ids) => Promise.all(ids.map((id) => presence.watchIfOrphaned(id))))
      .catch(onError);
  }, sweepEveryMs);
  sweep.unref();

  const events: StreamEvents = {
    updated(stream) {
      io.to(streamRoom(stream.id)).emit('stream-updated', stream);
    },
    ended(streamId, reason) {
      io.to(streamRoom(streamId)).emit('stream-ended', { streamId, reason });
      viewers.forget(streamId);
      presence.forget(streamId);
      streamerIds.delete(streamId);
    },
  };

  return {
    events,
    streamerOf,
    register: (socket: AirwaveSocket) =>
      registerRoomHandlers(socket, { streams, chat, viewers, presence, streamerOf, logger }),
    stop() {
      clearInterval(sweep);
      viewers.stop();
      presence.stop();
    },
  };
}
