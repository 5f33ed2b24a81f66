import type { ChatService, ChatStanding } from '../chat/chat.service.ts';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import type { AirwaveSocket, EventHandlers } from '../realtime/socket-handler.ts';
import { toStream } from '../streams/streams.mapper.ts';
import type { StreamWithStreamer } from '../streams/streams.repository.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { broadcasterRoom, mediaRoom, peerRoom, streamRoom } from './room-names.ts';
import type { StreamerPresence } from './streamer-presence.ts';
import type { ViewerCounter } from './viewer-counter.ts';

interface Deps {
  streams: StreamsService;
  chat: ChatService;
  viewers: ViewerCounter;
  presence: StreamerPresence;
  streamerOf: (streamId: string) => Promise<string | undefined>;
  logger: Logger;
}

/**
 * join-stream / leave-stream, and what a socket's departure means for each room it was in. Declared
 * once for the server; what a connection needs between events lives in maps keyed by the socket.
 */
export function roomEvents({ streams, chat, viewers, presence, streamerOf, logger }: Deps) {
  /** Each socket's standing in each room it joined, so a re-join needs no queries. */
  const standings = new WeakMap<AirwaveSocket, Map<string, ChatStanding>>();
  /** Joins under way, per socket and stream: a burst of joins waits for the first instead of each doing its work. */
  const joining = new WeakMap<AirwaveSocket, Map<string, Promise<unknown>>>();

  async function join(socket: AirwaveSocket, streamId: string, sinceMessageId: number | undefined) {
    const stream = await streams.loadCached(streamId);
    if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has ended.');
    const principal = socket.data.principal;
    const isStreamer = principal?.userId === stream.streamerId;

    const known = socket.rooms.has(streamRoom(streamId)) ? standings.get(socket)?.get(streamId) : undefined;
    if (known) {
      // Already in the room: nothing changed for the room, so nothing is redone (a flood of re-joins is free).
      const [info, viewerCount] = await Promise.all([
        chat.rejoinInfo(stream, known, sinceMessageId),
        viewers.forJoin(streamId, false),
      ]);
      return joinAnswer(stream, info, viewerCount, isStreamer);
    }

    await socket.join(streamRoom(streamId));
    if (!socket.data.joined.includes(streamId)) socket.data.joined.push(streamId);
    if (isStreamer) {
      await socket.join(broadcasterRoom(streamId));
      presence.arrived(streamId);
    }
    const [info, viewerCount] = await Promise.all([
      chat.joinInfo(stream, principal, sinceMessageId),
      viewers.forJoin(streamId, true),
    ]);
    const mine = standings.get(socket) ?? new Map<string, ChatStanding>();
    standings.set(socket, mine);
    mine.set(streamId, { canModerate: info.canModerate, restriction: info.restriction });
    // Scheduled only now, so the recount's broadcast reaches this socket after its answer: the
    // answer's figure may be one interval old, and a broadcast landing first would be overwritten by it.
    viewers.schedule(streamId);
    return joinAnswer(stream, info, viewerCount, isStreamer);
  }

  async function leave(socket: AirwaveSocket, streamId: string) {
    if (!socket.data.joined.includes(streamId)) return;
    socket.data.joined = socket.data.joined.filter((id) => id !== streamId);
    standings.get(socket)?.delete(streamId);
    const wasBroadcaster = socket.rooms.has(broadcasterRoom(streamId));
    await socket.leave(streamRoom(streamId));
    await socket.leave(broadcasterRoom(streamId));
    await socket.leave(peerRoom(streamId, socket.id));
    await socket.leave(mediaRoom(streamId));
    viewers.schedule(streamId);
    if (wasBroadcaster) await presence.left(streamId);
  }

  const events: EventHandlers = {
    'join-stream': async (socket, { streamId, sinceMessageId }) => {
      const mine = joining.get(socket) ?? new Map<string, Promise<unknown>>();
      const earlier = mine.get(streamId);
      if (earlier) {
        await earlier.catch(() => undefined);
        return join(socket, streamId, sinceMessageId);
      }
      const first = join(socket, streamId, sinceMessageId);
      joining.set(socket, mine);
      mine.set(streamId, first);
      try {
        return await first;
      } finally {
        mine.delete(streamId);
        if (mine.size === 0) joining.delete(socket);
      }
    },
    'leave-stream': async (socket, { streamId }) => {
      await leave(socket, streamId);
      return {};
    },
  };

  /** On disconnect the socket has already left its rooms; recount and start the streamer's grace period. */
  function departed(socket: AirwaveSocket) {
    const userId = socket.data.principal?.userId;
    for (const streamId of socket.data.joined) {
      viewers.schedule(streamId);
      if (!userId) continue;
      streamerOf(streamId)
        .then((streamerId) => (streamerId === userId ? presence.left(streamId) : undefined))
        .catch((err: unknown) => logger.error({ err, streamId }, 'disconnect handling failed'));
    }
  }

  return { events, departed };
}

function joinAnswer(
  stream: StreamWithStreamer,
  info: Awaited<ReturnType<ChatService['joinInfo']>>,
  viewerCount: number,
  isStreamer: boolean,
) {
  return {
    stream: { ...toStream(stream), viewerCount },
    messages: info.messages,
    viewerCount,
    chatSettings: info.chatSettings,
    you: { isStreamer, canModerate: info.canModerate, restriction: info.restriction },
  };
}
