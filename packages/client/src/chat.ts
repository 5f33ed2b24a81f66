import type { Ack, ChatMessage, ChatRestriction, ChatSettings } from '@airwave/shared';
import { retryAfterOf } from './error-details.ts';
import { type AirwaveSocket, emitWithAck } from './socket.ts';

/**
 * What a chat action on one message can be: moderators delete, time out and ban; anyone reports,
 * and blocks the author (a REST call on the reader's own list, see blocks.ts: not a room event).
 */
export type ChatAction = 'delete' | 'timeout' | 'ban' | 'report' | 'block';
/** The actions the room's socket carries. */
export type RoomChatAction = Exclude<ChatAction, 'block'>;

/** How long a timeout from the chat's own menu lasts (the moderation page picks other lengths). */
export const CHAT_TIMEOUT_SECONDS = 600;

export type ChatSendResult = Ack<{ message: ChatMessage }> & {
  /** When the next message may go: now after a plain send, later under slow mode or a rate limit (epoch ms). */
  nextAllowedAt: number;
};

/**
 * Sends one chat message and says when the composer may send again: slow mode applies after a
 * success to everyone but the room's moderators, and a refusal carries the server's own wait.
 * The caller keeps the typed text on a refusal, so nothing the user wrote is lost.
 */
export async function sendChatMessage(
  socket: AirwaveSocket,
  streamId: string,
  text: string,
  room: { settings: ChatSettings | null; canModerate: boolean },
  now = Date.now(),
): Promise<ChatSendResult> {
  const res = await emitWithAck(socket, 'send-message', { streamId, text });
  if (res.ok) {
    const slow = room.canModerate ? 0 : (room.settings?.slowModeSeconds ?? 0);
    return { ...res, nextAllowedAt: now + slow * 1000 };
  }
  return { ...res, nextAllowedAt: now + (retryAfterOf(res.error) ?? 0) * 1000 };
}

/**
 * The actions a reader may take on a message: none on their own or when signed out (the server
 * would refuse them), every one for the room's moderators, a report and a block for anyone else.
 */
export function chatActionsFor(
  message: ChatMessage,
  reader: { userId: string | null | undefined; canModerate: boolean },
): ChatAction[] {
  if (!reader.userId || message.author.id === reader.userId) return [];
  return reader.canModerate ? ['delete', 'timeout', 'ban', 'report', 'block'] : ['report', 'block'];
}

/** Whole seconds from `now` until `until` (epoch ms), rounded up so a countdown never shows 0 early. */
export const secondsLeft = (until: number, now: number): number =>
  Math.max(0, Math.ceil((until - now) / 1000));

/** One chat action on a message, as the socket call the server expects for it. */
export function actOnMessage(
  socket: AirwaveSocket,
  streamId: string,
  message: ChatMessage,
  action: RoomChatAction,
  reportReason: string,
): Promise<Ack<object | { restriction: ChatRestriction }>> {
  switch (action) {
    case 'delete':
      return emitWithAck(socket, 'delete-message', { streamId, messageId: message.id });
    case 'report':
      return emitWithAck(socket, 'report-message', { streamId, messageId: message.id, reason: reportReason });
    case 'timeout':
      return emitWithAck(socket, 'moderate-user', {
        streamId,
        userId: message.author.id,
        action: 'timeout',
        durationSeconds: CHAT_TIMEOUT_SECONDS,
      });
    case 'ban':
      return emitWithAck(socket, 'moderate-user', { streamId, userId: message.author.id, action: 'ban' });
  }
}
