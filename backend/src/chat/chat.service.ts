import {
  type ChatMessage,
  type ChatRestriction,
  type ChatSettings,
  type DeleteMessagePayload,
  MISSED_CHAT_LIMIT,
  type ModerateUserPayload,
  type Principal,
  RECENT_CHAT_LIMIT,
  type ReportMessagePayload,
  type SendMessagePayload,
  type SetModeratorPayload,
  type UpdateChatSettingsPayload,
} from '@airwave/shared';
import { LRUCache } from 'lru-cache';
import { AppError } from '../core/app-error.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import type { Limiter, LimiterFactory, LimitRule } from '../platform/rate-limit.ts';
import { canModerateGlobally, type StreamsService } from '../streams/streams.service.ts';
import { bannedWordsPattern, screenMessage } from './banned-words.ts';
import type { ChatRepository, Restriction } from './chat.repository.ts';

/** The global banned-words list changes rarely; each node re-reads it at most this often. */
const GLOBAL_WORDS_TTL_MS = 10_000;
/** How old a re-join's copy of a room's recent chat and rules may be (this node's writes drop it at once). */
const ROOM_STATE_TTL_MS = 1000;

/** A viewer's standing in a channel, worked out on their first join. */
export interface ChatStanding {
  canModerate: boolean;
  restriction: ChatRestriction | null;
}

export function toRestriction(
  streamId: string,
  r: Pick<Restriction, 'kind' | 'until' | 'reason'>,
): ChatRestriction {
  return { streamId, kind: r.kind, until: r.until?.toISOString() ?? null, reason: r.reason };
}

interface Deps {
  repo: ChatRepository;
  streams: StreamsService;
  limiterFactory: LimiterFactory;
  messageRate: LimitRule;
  events: Pick<BusinessEvents, 'chatMessage' | 'moderation'>;
}

export function createChatService({ repo, streams, limiterFactory, messageRate, events }: Deps) {
  const messageLimiter = limiterFactory('chat', messageRate);
  // Slow mode is "one message per N seconds per user in this channel": one limiter per N in use.
  const slowModeLimiters = new Map<number, Limiter>();
  const slowMode = (seconds: number) => {
    let limiter = slowModeLimiters.get(seconds);
    if (!limiter) {
      limiter = limiterFactory(`slow${seconds}`, { points: 1, durationSeconds: seconds });
      slowModeLimiters.set(seconds, limiter);
    }
    return limiter;
  };

  let globalWords: { words: string[]; at: number } | undefined;
  async function globalBannedWords(): Promise<string[]> {
    if (!globalWords || Date.now() - globalWords.at > GLOBAL_WORDS_TTL_MS) {
      globalWords = { words: await repo.globalBannedWords(), at: Date.now() };
    }
    return globalWords.words;
  }

  async function canModerate(principal: Principal | null, streamerId: string): Promise<boolean> {
    if (!principal) return false;
    if (principal.userId === streamerId || canModerateGlobally(principal)) return true;
    return repo.isChannelModerator(streamerId, principal.userId);
  }

  async function moderatedStream(principal: Principal | null, streamId: string) {
    if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in to moderate.');
    const stream = await streams.load(streamId);
    if (!(await canModerate(principal, stream.streamerId))) {
      throw new AppError('FORBIDDEN', 'Only the streamer and moderators of this channel can do that.');
    }
    return { principal, stream };
  }

  /** Rate limits answer with SLOW_MODE when the channel's rule, not the global one, stopped the user. */
  async function consumeSlowMode(seconds: number, key: string) {
    try {
      await slowMode(seconds).consume(key);
    } catch (err) {
      if (!(err instanceof AppError) || !err.is('RATE_LIMITED')) throw err;
      throw new AppError('SLOW_MODE', `Slow mode is on: one message every ${seconds} s.`, err.details);
    }
  }

  function throwIfRestricted(r: Restriction | undefined) {
    if (!r) return;
    if (r.kind === 'ban') throw new AppError('CHAT_BANNED', 'You are banned from this chat.');
    const retryAfterSeconds = Math.max(1, Math.ceil(((r.until?.getTime() ?? 0) - Date.now()) / 1000));
    throw new AppError('CHAT_TIMED_OUT', `You are timed out for ${retryAfterSeconds} more s.`, {
      until: r.until?.toISOString(),
      retryAfterSeconds,
    });
  }

  /** Followers-only mode: a follow at least the channel's minimum follow age old. */
  function throwIfNotFollowing(settings: ChatSettings, followingSince: Date | null) {
    if (!settings.followersOnly) return;
    const minFollowAgeMinutes = settings.minFollowAgeMinutes;
    if (!followingSince) {
      throw new AppError('FOLLOWERS_ONLY', 'This chat is for followers of the channel.', {
        minFollowAgeMinutes,
      });
    }
    const writableAt = followingSince.getTime() + minFollowAgeMinutes * 60_000;
    if (Date.now() < writableAt) {
      throw new AppError(
        'FOLLOWERS_ONLY',
        `This chat is for followers of at least ${minFollowAgeMinutes} minutes.`,
        { minFollowAgeMinutes, writableAt: new Date(writableAt).toISOString() },
      );
    }
  }

  type RoomState = { messages: ChatMessage[]; chatSettings: ChatSettings };
  const roomStates = new LRUCache<string, RoomState>({ max: 5000, ttl: ROOM_STATE_TTL_MS });

  /**
   * Reads of a room's recent chat and rules that have not started yet, by stream. Every join that
   * asks before one starts shares it, so a join storm costs one read in flight and one waiting per
   * room, not one per join. A read only starts after everyone sharing it asked, and they ask only
   * once in the room, so none of them misses a message sent between the read and its join.
   */
  const nextReads = new Map<string, Promise<RoomState>>();
  function freshRoomState(stream: { id: string; streamerId: string }): Promise<RoomState> {
    const waiting = nextReads.get(stream.id);
    if (waiting) return waiting;
    const read = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      nextReads.delete(stream.id);
      const [messages, chatSettings] = await Promise.all([
        repo.recent(stream.id, RECENT_CHAT_LIMIT),
        repo.settings(stream.streamerId),
      ]);
      const state = { messages, chatSettings };
      roomStates.set(stream.id, state);
      return state;
    });
    nextReads.set(stream.id, read);
    return read;
  }

  return {
    canModerate,

    /** What a viewer needs on joining: recent chat (or what they missed), the rules, their standing. */
    async joinInfo(
      stream: { id: string; streamerId: string },
      principal: Principal | null,
      sinceMessageId: number | undefined,
    ): Promise<RoomState & ChatStanding> {
      const [{ messages, chatSettings }, moderator, restriction] = await Promise.all([
        sinceMessageId === undefined
          ? freshRoomState(stream)
          : Promise.all([
              repo.since(stream.id, sinceMessageId, MISSED_CHAT_LIMIT),
              repo.settings(stream.streamerId),
            ]).then(([missed, settings]) => ({ messages: missed, chatSettings: settings })),
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

    /**
     * The answer to a join from a socket already in the room: it has heard every message and rule
     * change live since its first join, so a copy of the room's state up to ROOM_STATE_TTL_MS old
     * is enough, and a flood of re-joins costs no queries. Its standing is the one from that join
     * (a moderator's action since then reached it as `chat-restricted`).
     */
    async rejoinInfo(
      stream: { id: string; streamerId: string },
      standing: ChatStanding,
      sinceMessageId: number | undefined,
    ): Promise<RoomState & ChatStanding> {
      const state = roomStates.get(stream.id) ?? (await freshRoomState(stream));
      const messages =
        sinceMessageId === undefined ? state.messages : state.messages.filter((m) => m.id > sinceMessageId);
      return { messages, chatSettings: state.chatSettings, ...standing };
    },

    /**
     * Checks every chat rule, then stores the message: two database round trips, the author's
     * standing in the channel (one query) and the insert. Moderators skip the limits.
     */
    async send(principal: Principal | null, { streamId, text }: SendMessagePayload): Promise<ChatMessage> {
      if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in to chat.');
      const stream = await streams.loadCached(streamId);
      if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has ended.');
      const standing = await repo.authorStanding(stream.streamerId, principal.userId);
      if (!standing) throw new AppError('UNAUTHENTICATED', 'This session has ended. Please sign in again.');
      const { settings } = standing;
      const moderator =
        principal.userId === stream.streamerId || canModerateGlobally(principal) || standing.moderator;
      if (!moderator) {
        throwIfRestricted(standing.restriction);
        const writableAt = standing.memberSince.getTime() + settings.minAccountAgeMinutes * 60_000;
        if (settings.registeredOnly && Date.now() < writableAt) {
          throw new AppError(
            'ACCOUNT_TOO_NEW',
            `This chat is for accounts at least ${settings.minAccountAgeMinutes} minutes old.`,
            {
              minAccountAgeMinutes: settings.minAccountAgeMinutes,
              writableAt: new Date(writableAt).toISOString(),
            },
          );
        }
        throwIfNotFollowing(settings, standing.followingSince);
        await messageLimiter.consume(principal.userId);
      }
      const pattern = bannedWordsPattern([...settings.bannedWords, ...(await globalBannedWords())]);
      const screened = screenMessage(text, pattern, settings.bannedWordsAction);
      if (screened.verdict === 'blocked') {
        throw new AppError('MESSAGE_BLOCKED', 'Your message contains a word this chat does not allow.');
      }
      if (!moderator && settings.slowModeSeconds > 0) {
        await consumeSlowMode(settings.slowModeSeconds, `${stream.streamerId}:${principal.userId}`);
      }
      const row = await repo.insertMessage(streamId, principal.userId, screened.text);
      roomStates.delete(streamId);
      events.chatMessage();
      const badge =
        principal.userId === stream.streamerId
          ? 'streamer'
          : principal.role === 'admin'
            ? 'admin'
            : moderator
              ? 'moderator'
              : null;
      return {
        id: row.id,
        streamId,
        text: screened.text,
        createdAt: row.createdAt.toISOString(),
        author: { id: principal.userId, nickname: principal.nickname, badge },
      };
    },

    async deleteMessage(principal: Principal | null, { streamId, messageId, reason }: DeleteMessagePayload) {
      const { principal: actor, stream } = await moderatedStream(principal, streamId);
      const message = await repo.findMessage(messageId);
      if (!message || message.streamId !== streamId) throw new AppError('NOT_FOUND', 'No such message here.');
      const deleted = await repo.markDeleted(messageId, actor.userId);
      if (deleted) {
        roomStates.delete(streamId);
        await repo.log({
          streamerId: stream.streamerId,
          streamId,
          actorId: actor.userId,
          action: 'delete-message',
          targetUserId: message.authorId,
          messageId,
          reason: reason ?? null,
          details: { text: message.text },
        });
        events.moderation('delete-message');
      }
      return { deleted };
    },

    /** Timeout, ban or unban a user in this channel. Nobody can restrict the streamer or staff. */
    async moderateUser(principal: Principal | null, payload: ModerateUserPayload): Promise<ChatRestriction> {
      const { principal: actor, stream } = await moderatedStream(principal, payload.streamId);
      const target = await repo.member(payload.userId);
      if (!target) throw new AppError('NOT_FOUND', 'No such user.');
      if (
        payload.userId === actor.userId ||
        payload.userId === stream.streamerId ||
        target.role === 'admin' ||
        (target.role === 'moderator' && actor.role !== 'admin')
      ) {
        throw new AppError('FORBIDDEN', 'That user cannot be restricted in this chat.');
      }
      const reason = payload.reason ?? null;
      let restriction: ChatRestriction;
      if (payload.action === 'unban') {
        if (!(await repo.lift(stream.streamerId, payload.userId))) {
          throw new AppError('NOT_FOUND', 'That user is not restricted in this chat.');
        }
        restriction = { streamId: stream.id, kind: 'unban', until: null, reason };
      } else {
        const until =
          payload.action === 'timeout' ? new Date(Date.now() + payload.durationSeconds * 1000) : null;
        const row = {
          streamerId: stream.streamerId,
          userId: payload.userId,
          kind: payload.action,
          until,
          reason,
          createdBy: actor.userId,
        };
        await repo.restrict(row);
        restriction = toRestriction(stream.id, row);
      }
      await repo.log({
        streamerId: stream.streamerId,
        streamId: stream.id,
        actorId: actor.userId,
        action: payload.action,
        targetUserId: payload.userId,
        reason,
        details: payload.action === 'timeout' ? { durationSeconds: payload.durationSeconds } : null,
      });
      events.moderation(payload.action);
      return restriction;
    },

    async updateSettings(principal: Principal | null, { streamId, ...patch }: UpdateChatSettingsPayload) {
      const { principal: actor, stream } = await moderatedStream(principal, streamId);
      const before = await repo.settings(stream.streamerId);
      const settings: ChatSettings = { ...before, ...patch };
      await repo.saveSettings(stream.streamerId, settings);
      roomStates.delete(streamId);
      const onlySlowMode = Object.keys(patch).every((k) => k === 'slowModeSeconds');
      await repo.log({
        streamerId: stream.streamerId,
        streamId,
        actorId: actor.userId,
        action: onlySlowMode ? 'slow-mode' : 'settings',
        details: { before, after: settings },
      });
      return settings;
    },

    /** Only the streamer (or an admin) appoints the channel's moderators. */
    async setModerator(principal: Principal | null, { streamId, userId, enabled }: SetModeratorPayload) {
      if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
      const stream = await streams.load(streamId);
      if (principal.userId !== stream.streamerId && principal.role !== 'admin') {
        throw new AppError('FORBIDDEN', 'Only the streamer appoints moderators.');
      }
      if (userId === stream.streamerId) throw new AppError('CONFLICT', 'The streamer already moderates.');
      if (!(await repo.member(userId))) throw new AppError('NOT_FOUND', 'No such user.');
      await repo.setModerator(stream.streamerId, userId, enabled, principal.userId);
      await repo.log({
        streamerId: stream.streamerId,
        streamId,
        actorId: principal.userId,
        action: enabled ? 'add-moderator' : 'remove-moderator',
        targetUserId: userId,
      });
    },

    async report(principal: Principal | null, { streamId, messageId, reason }: ReportMessagePayload) {
      if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in to report a message.');
      const stream = await streams.load(streamId);
      const message = await repo.findMessage(messageId);
      if (!message || message.streamId !== streamId) throw new AppError('NOT_FOUND', 'No such message here.');
      if (message.authorId === principal.userId)
        throw new AppError('CONFLICT', 'You cannot report yourself.');
      const fresh = await repo.report({ messageId, streamId, reporterId: principal.userId, reason });
      if (!fresh) return;
      await repo.log({
        streamerId: stream.streamerId,
        streamId,
        actorId: principal.userId,
        action: 'report',
        targetUserId: message.authorId,
        messageId,
        reason,
      });
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
