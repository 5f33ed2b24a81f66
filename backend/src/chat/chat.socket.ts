import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import { type AirwaveServer, type AirwaveSocket, onEvent } from '../realtime/socket-handler.ts';
import { userRoom } from '../realtime/socket-server.ts';
import { streamRoom } from '../rooms/room-names.ts';
import type { ChatService } from './chat.service.ts';

interface Deps {
  io: AirwaveServer;
  chat: ChatService;
  logger: Logger;
}

/** Chat events: the service decides, these handlers only tell the room what changed. */
export function registerChatHandlers(socket: AirwaveSocket, { io, chat, logger }: Deps) {
  const mustHaveJoined = (streamId: string) => {
    if (!socket.data.joined.includes(streamId)) {
      throw new AppError('FORBIDDEN', 'Join the stream before using its chat.');
    }
  };

  onEvent(socket, logger, 'send-message', async (payload) => {
    mustHaveJoined(payload.streamId);
    const message = await chat.send(socket.data.principal, payload);
    io.to(streamRoom(payload.streamId)).emit('receive-message', message);
    return { message };
  });

  onEvent(socket, logger, 'delete-message', async (payload) => {
    const { deleted } = await chat.deleteMessage(socket.data.principal, payload);
    if (deleted) {
      io.to(streamRoom(payload.streamId)).emit('message-deleted', {
        streamId: payload.streamId,
        messageId: payload.messageId,
      });
    }
    return {};
  });

  onEvent(socket, logger, 'moderate-user', async (payload) => {
    const restriction = await chat.moderateUser(socket.data.principal, payload);
    io.to(userRoom(payload.userId)).emit('chat-restricted', restriction);
    return { restriction };
  });

  onEvent(socket, logger, 'update-chat-settings', async (payload) => {
    const settings = await chat.updateSettings(socket.data.principal, payload);
    io.to(streamRoom(payload.streamId)).emit('chat-settings', { streamId: payload.streamId, settings });
    return { settings };
  });

  onEvent(socket, logger, 'set-moderator', async (payload) => {
    await chat.setModerator(socket.data.principal, payload);
    return {};
  });

  onEvent(socket, logger, 'report-message', async (payload) => {
    await chat.report(socket.data.principal, payload);
    return {};
  });
}
