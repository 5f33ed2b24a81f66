import { z } from 'zod';
import type { AckCallback } from './ack.ts';
import type {
  ChatMessage,
  ChatRestriction,
  ChatSettings,
  DeleteMessagePayload,
  ModerateUserPayload,
  ReportMessagePayload,
  SendMessagePayload,
  SetModeratorPayload,
  UpdateChatSettingsPayload,
} from './chat.ts';
import type { GiftEvent, SendGiftPayload, TopGifters } from './economy.ts';
import type { JoinStreamPayload, JoinStreamResult, StreamRef } from './rooms.ts';
import type {
  IceServersResponse,
  RtcQualityPayload,
  RtcRequestResult,
  RtcSignal,
  RtcSignalPayload,
} from './rtc.ts';
import type { MediaModeName, Stream } from './streams.ts';
import { plainText } from './text.ts';
import type { Role } from './users.ts';

/** A signed-in user as the server sees them on a request or socket (role read fresh from the database). */
export type Principal = { userId: string; role: Role; sessionId: string; nickname: string };

export type WhoAmIResult = { user: { id: string; role: Role; nickname: string } | null };

/** Hands an open socket the access token a refresh just issued (same user), so it keeps its authority. */
export const RefreshAuthPayload = z.object({ token: plainText().min(1).max(4096) }).strict();
export type RefreshAuthPayload = z.infer<typeof RefreshAuthPayload>;

/** What the socket now acts as: after `refresh-auth`, and pushed as `session-updated` when the account changes. */
export type SessionUpdate = {
  user: { id: string; role: Role; nickname: string };
  /** When the socket's authority ends unless another `refresh-auth` arrives (ISO time). */
  authExpiresAt: string;
};

export type StreamEndedReason = 'ended-by-streamer' | 'ended-by-moderator' | 'streamer-disconnected';

/** Events a client sends. Every one takes an ack: `{ ok: true, ... }` or `{ ok: false, error }`. */
export interface ClientToServerEvents {
  whoami: (payload: Record<string, never>, ack: AckCallback<WhoAmIResult>) => void;
  /** Swaps in a fresh access token without reconnecting; past the old one's expiry everything else answers TOKEN_EXPIRED. */
  'refresh-auth': (payload: RefreshAuthPayload, ack: AckCallback<SessionUpdate>) => void;
  'join-stream': (payload: JoinStreamPayload, ack: AckCallback<JoinStreamResult>) => void;
  'leave-stream': (payload: StreamRef, ack: AckCallback) => void;
  'send-message': (payload: SendMessagePayload, ack: AckCallback<{ message: ChatMessage }>) => void;
  'delete-message': (payload: DeleteMessagePayload, ack: AckCallback) => void;
  'moderate-user': (payload: ModerateUserPayload, ack: AckCallback<{ restriction: ChatRestriction }>) => void;
  'update-chat-settings': (
    payload: UpdateChatSettingsPayload,
    ack: AckCallback<{ settings: ChatSettings }>,
  ) => void;
  'set-moderator': (payload: SetModeratorPayload, ack: AckCallback) => void;
  'report-message': (payload: ReportMessagePayload, ack: AckCallback) => void;
  /** A viewer asks the streamer for a media connection; refused with STREAM_FULL past the P2P cap. */
  'rtc-request': (payload: StreamRef, ack: AckCallback<RtcRequestResult>) => void;
  'rtc-signal': (payload: RtcSignalPayload, ack: AckCallback) => void;
  'rtc-quality': (payload: RtcQualityPayload, ack: AckCallback) => void;
  /**
   * A viewer that moved to the SFU plays its picture now: the streamer may close its direct
   * (peer-to-peer) connection to it. FORBIDDEN unless the viewer asked for the stream's media.
   */
  'rtc-release': (payload: StreamRef, ack: AckCallback) => void;
  /**
   * STUN and, when the server has TURN, a TURN credential valid for `ttlSeconds` (at most an hour).
   * Only for a socket that joined the live stream `streamId` (FORBIDDEN otherwise, STREAM_NOT_LIVE
   * once it ended); RATE_LIMITED past the per-address budget. Ask again before it expires.
   */
  'rtc-ice-servers': (payload: StreamRef, ack: AckCallback<IceServersResponse>) => void;
  /** Spends coins on a gift in a live stream; retrying with the same idempotency key moves nothing more. */
  'send-gift': (payload: SendGiftPayload, ack: AckCallback<{ gift: GiftEvent; coins: number }>) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  /** The server ended this session (logout elsewhere, ban, password change). Do not reconnect with it. */
  'session-revoked': (payload: { reason: 'logout' | 'banned' | 'password-changed' | 'revoked' }) => void;
  /** The account changed (role, nickname): the socket already acts with the new one; update the UI. */
  'session-updated': (payload: SessionUpdate) => void;
  'receive-message': (message: ChatMessage) => void;
  'message-deleted': (payload: { streamId: string; messageId: number }) => void;
  'viewer-count': (payload: { streamId: string; viewerCount: number }) => void;
  'stream-updated': (stream: Stream) => void;
  'stream-ended': (payload: { streamId: string; reason: StreamEndedReason }) => void;
  /** The streamer's connection dropped (the stream stays live for a grace period) or came back. */
  'streamer-status': (payload: { streamId: string; online: boolean }) => void;
  'chat-settings': (payload: { streamId: string; settings: ChatSettings }) => void;
  /** Sent to the user a moderator acted on. */
  'chat-restricted': (restriction: ChatRestriction) => void;
  /** To the streamer: a viewer wants media. */
  'rtc-viewer-joined': (payload: { streamId: string; peerId: string }) => void;
  /** To the streamer: a viewer's session went away; close its peer connection. */
  'rtc-viewer-left': (payload: { streamId: string; peerId: string }) => void;
  /**
   * To a stream's viewers: its media moved to another path (`sfu` when the audience outgrew the
   * mesh). Ask again (`rtc-request`) and keep showing the current picture until the new one decodes.
   */
  'rtc-mode': (payload: { streamId: string; mode: MediaModeName }) => void;
  /** A relayed signal; `peerId` is who sent it (a viewer's id, "streamer", or "sfu"). */
  'rtc-signal': (payload: { streamId: string; peerId: string; signal: RtcSignal }) => void;
  'receive-gift': (gift: GiftEvent) => void;
  /** To every device of a user whose balance changed. */
  'wallet-updated': (wallet: { coins: number; beans: number }) => void;
  /**
   * To an anonymous connection that came without a valid key: the signed viewer key the server
   * issued. Keep it (browser storage, app memory) and send it back as `auth.viewerKey` on every
   * connection, so all of this client's tabs count as one viewer. Keys the client makes up are ignored.
   */
  'viewer-key': (payload: { viewerKey: string }) => void;
  /** The stream's top gifters, after each gift. */
  'top-gifters': (payload: { streamId: string } & TopGifters) => void;
}

/** Messages between nodes (io.serverSideEmit), carried by the Redis adapter when there is one. */
export interface InterServerEvents {
  /** A user's role, nickname or standing changed: every node re-reads it for that user's sockets. */
  'principal-changed': (userId: string) => void;
  /** A stream's SFU feed changed (published again, or moved to another Janus): viewers re-subscribe. */
  'sfu-feed': (streamId: string) => void;
  /** Some of a user's sessions ended: every node drops the principals it remembers for that user. */
  'sessions-revoked': (userId: string) => void;
}

export interface SocketData {
  /** null for an anonymous, read-only viewer. */
  principal: Principal | null;
  /** When the access token the principal came from expires (ms since epoch); null when anonymous. */
  authExpiresAt: number | null;
  /** Counts a viewer once however many tabs they open: the user id, or an anonymous browser key. */
  viewerKey: string;
  /** The client's address (after TRUST_PROXY; an IPv6 /64): viewer counts are capped per address on every node. */
  ip: string;
  /** Streams this socket has joined (restored with the socket on connection-state recovery). */
  joined: string[];
}
