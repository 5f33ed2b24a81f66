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
import { MediaModeName, Stream, StreamEndedReason } from './streams.ts';
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

/** The ack of an event that answers nothing beyond `ok: true`. */
const NoResult = z.object({});
const Peer = z.object({ streamId: Id, peerId: z.string() });

/**
 * One client→server event: what it is for (the docs page and the AsyncAPI document print it), what
 * the client sends, and what a positive ack carries besides `ok: true`.
 */
export interface ClientEvent {
  doc: string;
  payload: z.ZodType;
  ack: z.ZodType<object>;
}

/** One server→client event: what it means for the client, and its one payload. */
export interface ServerEvent {
  doc: string;
  payload: z.ZodType;
}

/**
 * Every client→server event, declared once: the server validates each payload against `payload`
 * and answers `{ ok: true, ...ack }` or `{ ok: false, error }` through the acknowledgement.
 */
export const clientEvents = {
  whoami: {
    doc: 'Who this connection acts as (null: an anonymous, read-only viewer).',
    payload: z.object({}).strict(),
    ack: WhoAmIResult,
  },
  'refresh-auth': {
    doc: "Swaps in a fresh access token without reconnecting; past the old one's expiry everything else answers TOKEN_EXPIRED.",
    payload: RefreshAuthPayload,
    ack: SessionUpdate,
  },
  'join-stream': {
    doc: "Enters a live stream's room: its chat, gifts, viewer count and media events. With `sinceMessageId` (after a reconnect that was not recovered) `messages` holds what came after it.",
    payload: JoinStreamPayload,
    ack: JoinStreamResult,
  },
  'leave-stream': {
    doc: "Leaves a stream's room (nothing happens if this socket had not joined it).",
    payload: StreamRef,
    ack: NoResult,
  },
  'send-message': {
    doc: 'Posts to the chat of a stream this socket joined; the room (sender included) gets `receive-message`.',
    payload: SendMessagePayload,
    ack: z.object({ message: ChatMessage }),
  },
  'delete-message': {
    doc: 'Moderators and the streamer; the room gets `message-deleted`.',
    payload: DeleteMessagePayload,
    ack: NoResult,
  },
  'moderate-user': {
    doc: 'Moderators and the streamer: time out, ban or unban a user; that user gets `chat-restricted`.',
    payload: ModerateUserPayload,
    ack: z.object({ restriction: ChatRestriction }),
  },
  'update-chat-settings': {
    doc: 'Moderators and the streamer; the room gets `chat-settings`.',
    payload: UpdateChatSettingsPayload,
    ack: z.object({ settings: ChatSettings }),
  },
  'set-moderator': {
    doc: 'The streamer names or removes a moderator of their channel.',
    payload: SetModeratorPayload,
    ack: NoResult,
  },
  'report-message': {
    doc: 'Any signed-in viewer reports a message to the admins.',
    payload: ReportMessagePayload,
    ack: NoResult,
  },
  'rtc-request': {
    doc: 'A viewer asks the streamer for a media connection; refused with STREAM_FULL past the P2P cap.',
    payload: StreamRef,
    ack: RtcRequestResult,
  },
  'rtc-signal': {
    doc: 'Relays an SDP description or ICE candidate (see the payload for who may signal whom).',
    payload: RtcSignalPayload,
    ack: NoResult,
  },
  'rtc-quality': {
    doc: 'A viewer picks a picture quality (a simulcast layer in SFU mode).',
    payload: RtcQualityPayload,
    ack: NoResult,
  },
  'rtc-release': {
    doc: "A viewer that moved to the SFU plays its picture now: the streamer may close its direct (peer-to-peer) connection to it. FORBIDDEN unless the viewer asked for the stream's media.",
    payload: StreamRef,
    ack: NoResult,
  },
  'rtc-ice-servers': {
    doc: 'STUN and, when the server has TURN, a TURN credential valid for `ttlSeconds` (at most an hour). Only for a socket that joined the live stream `streamId` (FORBIDDEN otherwise, STREAM_NOT_LIVE once it ended); RATE_LIMITED past the per-address budget. Ask again before it expires.',
    payload: StreamRef,
    ack: IceServersResponse,
  },
  'send-gift': {
    doc: 'Spends coins on a gift in a live stream; retrying with the same idempotency key moves nothing more.',
    payload: SendGiftPayload,
    ack: z.object({ gift: GiftEvent, coins: z.number().int() }),
  },
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
  'session-revoked': {
    doc: 'The server ended this session (logout elsewhere, ban, password change). Do not reconnect with it.',
    payload: z.object({ reason: z.enum(['logout', 'banned', 'password-changed', 'revoked']) }),
  },
  'session-updated': {
    doc: 'The account changed (role, nickname): the socket already acts with the new one; update the UI.',
    payload: SessionUpdate,
  },
  'receive-message': {
    doc: "A chat message in a joined stream (the sender's own too).",
    payload: ChatMessage,
  },
  'message-deleted': {
    doc: 'A moderator removed a message of a joined stream: drop it from the list.',
    payload: z.object({ streamId: Id, messageId: z.number().int() }),
  },
  'viewer-count': {
    doc: 'How many viewers a joined stream has now (each person counts once, however many tabs).',
    payload: z.object({ streamId: Id, viewerCount: z.number().int() }),
  },
  'stream-updated': {
    doc: 'A joined stream changed (its details, thumbnail or media mode): the whole stream, to replace the one held.',
    payload: Stream,
  },
  'stream-ended': {
    doc: 'A joined stream is over: it cannot be joined again, and its chat and gifts close.',
    payload: z.object({ streamId: Id, reason: StreamEndedReason }),
  },
  'streamer-status': {
    doc: "The streamer's connection dropped (the stream stays live for a grace period) or came back.",
    payload: z.object({ streamId: Id, online: z.boolean() }),
  },
  'chat-settings': {
    doc: 'The chat rules of a joined stream changed (slow mode, registered-only, banned words).',
    payload: z.object({ streamId: Id, settings: ChatSettings }),
  },
  'chat-restricted': { doc: 'Sent to the user a moderator acted on.', payload: ChatRestriction },
  'rtc-viewer-joined': { doc: 'To the streamer: a viewer wants media.', payload: Peer },
  'rtc-viewer-left': {
    doc: "To the streamer: a viewer's session went away; close its peer connection.",
    payload: Peer,
  },
  'rtc-mode': {
    doc: "To a stream's viewers: its media moved to another path (`sfu` when the audience outgrew the mesh). Ask again (`rtc-request`) and keep showing the current picture until the new one decodes.",
    payload: z.object({ streamId: Id, mode: MediaModeName }),
  },
  'rtc-signal': {
    doc: 'A relayed signal; `peerId` is who sent it (a viewer\'s id, "streamer", or "sfu").',
    payload: Peer.extend({ signal: RtcSignal }),
  },
  'receive-gift': { doc: 'A gift in a joined stream.', payload: GiftEvent },
  'wallet-updated': {
    doc: 'To every device of a user whose balance changed.',
    payload: z.object({ coins: z.number().int(), beans: z.number().int() }),
  },
  'viewer-key': {
    doc: "To an anonymous connection that came without a valid key: the signed viewer key the server issued. Keep it (browser storage, app memory) and send it back as `auth.viewerKey` on every connection, so all of this client's tabs count as one viewer. Keys the client makes up are ignored.",
    payload: z.object({ viewerKey: z.string() }),
  },
  'top-gifters': {
    doc: "The stream's top gifters, after each gift.",
    payload: TopGifters.extend({ streamId: Id }),
  },
} as const satisfies Record<string, ServerEvent>;

export type ServerEventName = keyof typeof serverEvents;

/** Events a client sends, typed from {@link clientEvents}. Every one takes an ack. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: AckCallback<ClientAckResult<E>>) => void;
};

/** Events the server sends, typed from {@link serverEvents}. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: z.output<(typeof serverEvents)[E]['payload']>) => void;
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
  /** The per-connection event budget's current window (ms since epoch) and the events spent in it. */
  budgetWindowStart?: number;
  budgetSpent?: number;
}
