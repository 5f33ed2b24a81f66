import { z } from 'zod';
import { ChatMessage, ChatRestriction, ChatSettings } from './chat.ts';
import { Stream } from './streams.ts';
import { Id } from './users.ts';

export const JoinStreamPayload = z
  .object({
    streamId: Id,
    /** After a reconnect that could not be recovered: the last message the client has, to get what it missed. */
    sinceMessageId: z.number().int().nonnegative().optional(),
  })
  .strict();
export type JoinStreamPayload = z.infer<typeof JoinStreamPayload>;

export const StreamRef = z.object({ streamId: Id }).strict();
export type StreamRef = z.infer<typeof StreamRef>;

export const RECENT_CHAT_LIMIT = 50;
/** At most this many missed messages come back to a join with `sinceMessageId` (the oldest first). */
export const MISSED_CHAT_LIMIT = RECENT_CHAT_LIMIT * 4;

export const JoinStreamResult = z.object({
  stream: Stream,
  /** Recent chat, oldest first (or everything since `sinceMessageId`, up to a limit). */
  messages: z.array(ChatMessage),
  viewerCount: z.number().int(),
  chatSettings: ChatSettings,
  you: z.object({
    isStreamer: z.boolean(),
    canModerate: z.boolean(),
    /** Why this viewer cannot write right now, if they cannot. */
    restriction: ChatRestriction.nullable(),
  }),
});
export type JoinStreamResult = z.infer<typeof JoinStreamResult>;
