import type { ChatService, ChatStanding } from '../chat/chat.service.ts';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import { type AirwaveSocket, onEvent } from '../realtime/socket-handler.ts';
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

/** join-stream / leave-stream, and what a socket's departure means for each room it was in. */
export function registerRoomHandlers(
  socket: AirwaveSocket,
  { streams, chat, viewers, presence, streamerOf, logger }: Deps,
) {
  socket.data.joined ??= [];
  /** This socket's standing in each room it joined, so a re-join needs no queries. */
  const standings = new Map<string, ChatStanding>();

  /** Joins under way, per stream: a burst of joins waits for the first instead of each doing its work. */
  const joining = new Map<string, Promise<unknown>>();

  onEvent(socket, logger, 'join-stream', async ({ streamId, sinceMessageId }) => {
    const earlier = joining.get(streamId);
    if (earlier) {
      await earlier.catch(() => undefined);
      return join(streamId, sinceMessageId);
    }
    const first = join(streamId, sinceMessageId);
    joining.set(streamId, first);
    try {
      return await first;
    } finally {
      joining.delete(streamId);
    }
  });

  async function join(streamId: string, sinceMessageId: number | undefined) {
    const stream = await streams.loadCached(streamId);
    if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has ended.');
    const principal = socket.data.principal;
    const isStreamer = principal?.userId === stream.streamerId;

    const known = socket.rooms.has(streamRoom(streamId)) ? standings.get(streamId) : undefined;
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
    standings.set(streamId, { canModerate: info.canModerate, restriction: info.restriction });
    // Scheduled only now, so the recount's broadcast reaches this socket after its answer: the
    // answer's figure may be one interval old, and a broadcast landing first would be overwritten by it.
    viewers.schedule(streamId);
    return joinAnswer(stream, info, viewerCount, isStreamer);
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

  onEvent(socket, logger, 'leave-stream', async ({ streamId }) => {
    await leave(streamId);
    return {};
  });

  async function leave(streamId: string) {
    if (!socket.data.joined.includes(streamId)) return;
    socket.data.joined = socket.data.joined.filter((id) => id !== streamId);
    standings.delete(streamId);
    const wasBroadcaster = socket.rooms.has(broadcasterRoom(streamId));
    await socket.leave(streamRoom(streamId));
    await socket.leave(broadcasterRoom(streamId));
    await socket.leave(peerRoom(streamId, socket.id));
    await socket.leave(mediaRoom(streamId));
    viewers.schedule(streamId);
    if (wasBroadcaster) await presence.left(streamId);
  }

  // On disconnect the socket has already left its rooms; recount and start the streamer's grace period.
  socket.on('disconnect', () => {
    const userId = socket.data.principal?.userId;
    for (const streamId of socket.data.joined) {
      viewers.schedule(streamId);
      if (!userId) continue;
      streamerOf(streamId)
        .then((streamerId) => (streamerId === userId ? presence.left(streamId) : undefined))
        .catch((err: unknown) => logger.error({ err, streamId }, 'disconnect handling failed'));
    }
  });
}
