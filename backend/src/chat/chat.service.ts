import {
  type ChatMessage,
  type ChatRestriction,
  type ChatSettings,
  type Principal,
  RECENT_CHAT_LIMIT,
} from '@airwave/shared';
import { canModerateGlobally } from '../streams/streams.service.ts';
import type { ChatRepository, Restriction } from './chat.repository.ts';

export function toRestriction(streamId: string, r: Restriction): ChatRestriction {
  return { streamId, kind: r.kind, until: r.until?.toISOString() ?? null, reason: r.reason };
}

export function createChatService({ repo }: { repo: ChatRepository }) {
  async function canModerate(principal: Principal | null, streamerId: string): Promise<boolean> {
    if (!principal) return false;
    if (principal.userId === streamerId || canModerateGlobally(principal)) return true;
    return repo.isChannelModerator(streamerId, principal.userId);
  }

  return {
    canModerate,

    /** What a viewer needs on joining: recent chat (or what they missed), the rules, their standing. */
    async joinInfo(
      stream: { id: string; streamerId: string },
      principal: Principal | null,
      sinceMessageId: number | undefined,
    ): Promise<{
      messages: ChatMessage[];
      chatSettings: ChatSettings;
      canModerate: boolean;
      restriction: ChatRestriction | null;
    }> {
      const [messages, chatSettings, moderator, restriction] = await Promise.all([
        sinceMessageId === undefined
          ? repo.recent(stream.id, RECENT_CHAT_LIMIT)
          : repo.since(stream.id, sinceMessageId, RECENT_CHAT_LIMIT * 4),
        repo.settings(stream.streamerId),
        canModerate(principal, stream.streamerId),
        principal ? repo.activeRestriction(stream.streamerId, principal.userId) : undefined,
      ]);
      return {
        messages,
        chatSettings,
        canModerate: moderator,
        restriction: restriction ? toRestriction(stream.id, restriction) : null,
      };
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
