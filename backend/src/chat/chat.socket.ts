import { AppError } from '../core/app-error.ts';
import type { AirwaveServer, AirwaveSocket, EventHandlers } from '../realtime/socket-handler.ts';
import { userRoom } from '../realtime/socket-server.ts';
import { streamRoom } from '../rooms/room-names.ts';
import type { ChatService } from './chat.service.ts';

interface Deps {
  io: AirwaveServer;
  chat: ChatService;
}

/** Chat events: the service decides, these handlers only tell the room what changed. */
export function chatEvents({ io, chat }: Deps): EventHandlers {
  const mustHaveJoined = (socket: AirwaveSocket, streamId: string) => {
    if (!socket.data.joined.includes(streamId)) {
      throw new AppError('FORBIDDEN', 'Join the stream before using its chat.');
    }
  };

  return {
    'send-message': async (socket, payload) => {
      mustHaveJoined(socket, payload.streamId);
      const message = await chat.send(socket.data.principal, payload);
      io.to(streamRoom(payload.streamId)).emit('receive-message', message);
      return { message };
    },

    'delete-message': async (socket, payload) => {
      const { deleted } = await chat.deleteMessage(socket.data.principal, payload);
      if (deleted) {
        io.to(streamRoom(payload.streamId)).emit('message-deleted', {
          streamId: payload.streamId,
          messageId: payload.messageId,
        });
      }
      return {};
    },

    'moderate-user': async (socket, payload) => {
      const restriction = await chat.moderateUser(socket.data.principal, payload);
      io.to(userRoom(payload.userId)).emit('chat-restricted', restriction);
      return { restriction };
    },

    'update-chat-settings': async (socket, payload) => {
      const settings = await chat.updateSettings(socket.data.principal, payload);
      io.to(streamRoom(payload.streamId)).emit('chat-settings', { streamId: payload.streamId, settings });
      return { settings };
    },

    'set-moderator': async (socket, payload) => {
      await chat.setModerator(socket.data.principal, payload);
      return {};
    },

    'report-message': async (socket, payload) => {
      await chat.report(socket.data.principal, payload);
      return {};
    },
  };
}
