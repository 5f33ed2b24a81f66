import type { ChatService } from '../chat/chat.service.ts';
import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Feature, SocketHost } from '../core/feature.ts';
import type { Logger } from '../logger.ts';
import { backgroundErrorLog } from '../platform/background-errors.ts';
import type { StreamsRepository } from '../streams/streams.repository.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { streamRoom } from './room-names.ts';
import { roomEvents } from './rooms.socket.ts';
import { createStreamerPresence } from './streamer-presence.ts';
import { createViewerCounter } from './viewer-counter.ts';

interface Deps {
  bus: EventBus;
  streams: StreamsService;
  streamsRepo: StreamsRepository;
  chat: ChatService;
  logger: Logger;
  config: Config['rooms'];
}

/** Live rooms: membership, viewer counts, the streamer's grace period, and stream events to rooms. */
export function createRoomsFeature({ bus, streams, streamsRepo, chat, logger, config }: Deps): Feature {
  const { graceMs, viewerCountIntervalMs, viewersPerIp } = config;
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

  const stops: Array<() => void> = [];
  function registerSocket({ io, addEvents, onDeparture }: SocketHost) {
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

    stops.push(
      bus.on('stream.updated', ({ stream }) => {
        io.to(streamRoom(stream.id)).emit('stream-updated', stream);
      }),
      bus.on('stream.ended', ({ streamId, reason }) => {
        io.to(streamRoom(streamId)).emit('stream-ended', { streamId, reason });
        viewers.forget(streamId);
        presence.forget(streamId);
        streamerIds.delete(streamId);
      }),
      () => clearInterval(sweep),
      () => viewers.stop(),
      () => presence.stop(),
    );
    const rooms = roomEvents({ streams, chat, viewers, presence, streamerOf, logger });
    addEvents(rooms.events);
    onDeparture(rooms.departed);
  }

  return {
    registerSocket,
    stop() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
