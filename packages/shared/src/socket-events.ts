import { z } from 'zod';
import type { AckCallback } from './ack.ts';
import {
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
import { GiftEvent, SendGiftPayload, TopGifters } from './economy.ts';
import { JoinStreamPayload, JoinStreamResult, StreamRef } from './rooms.ts';
import {
  IceServersResponse,
  RtcQualityPayload,
  RtcRequestResult,
  RtcSignal,
  RtcSignalPayload,
} from './rtc.ts';
import { MediaModeName, Stream } from './streams.ts';
import { plainText } from './text.ts';
import { Id, Role } from './users.ts';

/** A signed-in user as the server sees them on a request or socket (role read fresh from the database). */
export type Principal = { userId: string; role: Role; sessionId: string; nickname: string };

const SocketUser = z.object({ id: Id, role: Role, nickname: z.string() });

export const WhoAmIResult = z.object({ user: SocketUser.nullable() });
export type WhoAmIResult = z.infer<typeof WhoAmIResult>;

/** Hands an open socket the access token a refresh just issued (same user), so it keeps its authority. */
export const RefreshAuthPayload = z.object({ token: plainText().min(1).max(4096) }).strict();
export type RefreshAuthPayload = z.infer<typeof RefreshAuthPayload>;

/** What the socket now acts as: after `refresh-auth`, and pushed as `session-updated` when the account changes. */
export const SessionUpdate = z.object({
  user: SocketUser,
  /** When the socket's authority ends unless another `refresh-auth` arrives (ISO time). */
  authExpiresAt: z.iso.datetime(),
});
export type SessionUpdate = z.infer<typeof SessionUpdate>;

export const StreamEndedReason = z.enum(['ended-by-streamer', 'ended-by-moderator', 'streamer-disconnected']);
export type StreamEndedReason = z.infer<typeof StreamEndedReason>;

/** The ack of an event that answers nothing beyond `ok: true`. */
const NoResult = z.object({});
const Peer = z.object({ streamId: Id, peerId: z.string() });

/** One client→server event: what the client sends, and what a positive ack carries besides `ok: true`. */
export interface ClientEvent {
  payload: z.ZodType;
  ack: z.ZodType<object>;
}

/**
 * Every client→server event, declared once: the server validates each payload against `payload`
 * and answers `{ ok: true, ...ack }` or `{ ok: false, error }` through the acknowledgement.
 */
export const clientEvents = {
  /** Who this connection acts as (null: an anonymous, read-only viewer). */
  whoami: { payload: z.object({}).strict(), ack: WhoAmIResult },
  /** Swaps in a fresh access token without reconnecting; past the old one's expiry everything else answers TOKEN_EXPIRED. */
  'refresh-auth': { payload: RefreshAuthPayload, ack: SessionUpdate },
  /**
   * Enters a live stream's room: its chat, gifts, viewer count and media events. With
   * `sinceMessageId` (after a reconnect that was not recovered) `messages` holds what came after it.
   */
  'join-stream': { payload: JoinStreamPayload, ack: JoinStreamResult },
  'leave-stream': { payload: StreamRef, ack: NoResult },
  /** Posts to the chat of a stream this socket joined; the room (sender included) gets `receive-message`. */
  'send-message': { payload: SendMessagePayload, ack: z.object({ message: ChatMessage }) },
  /** Moderators and the streamer; the room gets `message-deleted`. */
  'delete-message': { payload: DeleteMessagePayload, ack: NoResult },
  /** Moderators and the streamer: time out, ban or unban a user; that user gets `chat-restricted`. */
  'moderate-user': { payload: ModerateUserPayload, ack: z.object({ restriction: ChatRestriction }) },
  /** Moderators and the streamer; the room gets `chat-settings`. */
  'update-chat-settings': { payload: UpdateChatSettingsPayload, ack: z.object({ settings: ChatSettings }) },
  /** The streamer names or removes a moderator of their channel. */
  'set-moderator': { payload: SetModeratorPayload, ack: NoResult },
  /** Any signed-in viewer reports a message to the admins. */
  'report-message': { payload: ReportMessagePayload, ack: NoResult },
  /** A viewer asks the streamer for a media connection; refused with STREAM_FULL past the P2P cap. */
  'rtc-request': { payload: StreamRef, ack: RtcRequestResult },
  /** Relays an SDP description or ICE candidate (see the payload for who may signal whom). */
  'rtc-signal': { payload: RtcSignalPayload, ack: NoResult },
  /** A viewer picks a picture quality (a simulcast layer in SFU mode). */
  'rtc-quality': { payload: RtcQualityPayload, ack: NoResult },
  /**
   * A viewer that moved to the SFU plays its picture now: the streamer may close its direct
   * (peer-to-peer) connection to it. FORBIDDEN unless the viewer asked for the stream's media.
   */
  'rtc-release': { payload: StreamRef, ack: NoResult },
  /**
   * STUN and, when the server has TURN, a TURN credential valid for `ttlSeconds` (at most an hour).
   * Only for a socket that joined the live stream `streamId` (FORBIDDEN otherwise, STREAM_NOT_LIVE
   * once it ended); RATE_LIMITED past the per-address budget. Ask again before it expires.
   */
  'rtc-ice-servers': { payload: StreamRef, ack: IceServersResponse },
  /** Spends coins on a gift in a live stream; retrying with the same idempotency key moves nothing more. */
  'send-gift': { payload: SendGiftPayload, ack: z.object({ gift: GiftEvent, coins: z.number().int() }) },
} as const satisfies Record<string, ClientEvent>;

export type ClientEventName = keyof typeof clientEvents;
/** What a client sends with event `E` (before the schema's defaults apply). */
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
/** What a positive ack to event `E` carries besides `ok: true`. */
export type ClientAckResult<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['ack']>;

/**
 * Every server→client event and its one payload. A broadcast to a stream's room (chat, gifts,
 * counts, stream and media changes) carries a second argument, the connection-state-recovery offset.
 */
export const serverEvents = {
  /** The server ended this session (logout elsewhere, ban, password change). Do not reconnect with it. */
  'session-revoked': z.object({ reason: z.enum(['logout', 'banned', 'password-changed', 'revoked']) }),
  /** The account changed (role, nickname): the socket already acts with the new one; update the UI. */
  'session-updated': SessionUpdate,
  /** A chat message in a joined stream (the sender's own too). */
  'receive-message': ChatMessage,
  'message-deleted': z.object({ streamId: Id, messageId: z.number().int() }),
  'viewer-count': z.object({ streamId: Id, viewerCount: z.number().int() }),
  'stream-updated': Stream,
  'stream-ended': z.object({ streamId: Id, reason: StreamEndedReason }),
  /** The streamer's connection dropped (the stream stays live for a grace period) or came back. */
  'streamer-status': z.object({ streamId: Id, online: z.boolean() }),
  'chat-settings': z.object({ streamId: Id, settings: ChatSettings }),
  /** Sent to the user a moderator acted on. */
  'chat-restricted': ChatRestriction,
  /** To the streamer: a viewer wants media. */
  'rtc-viewer-joined': Peer,
  /** To the streamer: a viewer's session went away; close its peer connection. */
  'rtc-viewer-left': Peer,
  /**
   * To a stream's viewers: its media moved to another path (`sfu` when the audience outgrew the
   * mesh). Ask again (`rtc-request`) and keep showing the current picture until the new one decodes.
   */
  'rtc-mode': z.object({ streamId: Id, mode: MediaModeName }),
  /** A relayed signal; `peerId` is who sent it (a viewer's id, "streamer", or "sfu"). */
  'rtc-signal': Peer.extend({ signal: RtcSignal }),
  /** A gift in a joined stream. */
  'receive-gift': GiftEvent,
  /** To every device of a user whose balance changed. */
  'wallet-updated': z.object({ coins: z.number().int(), beans: z.number().int() }),
  /**
   * To an anonymous connection that came without a valid key: the signed viewer key the server
   * issued. Keep it (browser storage, app memory) and send it back as `auth.viewerKey` on every
   * connection, so all of this client's tabs count as one viewer. Keys the client makes up are ignored.
   */
  'viewer-key': z.object({ viewerKey: z.string() }),
  /** The stream's top gifters, after each gift. */
  'top-gifters': TopGifters.extend({ streamId: Id }),
} as const satisfies Record<string, z.ZodType>;

export type ServerEventName = keyof typeof serverEvents;

/** Events a client sends, typed from {@link clientEvents}. Every one takes an ack. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: AckCallback<ClientAckResult<E>>) => void;
};

/** Events the server sends, typed from {@link serverEvents}. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: z.output<(typeof serverEvents)[E]>) => void;
};

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
