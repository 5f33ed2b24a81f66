import { z } from 'zod';
import type { ChatMessage, ChatRestriction, ChatSettings } from './chat.ts';
import type { Stream } from './streams.ts';
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

export interface JoinStreamResult {
  stream: Stream;
  /** Recent chat, oldest first (or everything since `sinceMessageId`, up to a limit). */
  messages: ChatMessage[];
  viewerCount: number;
  chatSettings: ChatSettings;
  you: {
    isStreamer: boolean;
    canModerate: boolean;
    /** Why this viewer cannot write right now, if they cannot. */
    restriction: ChatRestriction | null;
  };
}
