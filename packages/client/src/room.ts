import type {
  ChatMessage,
  ChatRestriction,
  ChatSettings,
  GiftEvent,
  Stream,
  TopGifters,
} from '@airwave/shared';
import type { AirwaveSocket } from './socket.ts';

/** What a client does with one live room's events; each is already filtered to that room. */
export interface RoomHandlers {
  message(message: ChatMessage): void;
  deleted(messageId: number): void;
  viewerCount(count: number): void;
  ended(): void;
  streamerStatus(online: boolean): void;
  restricted(restriction: ChatRestriction): void;
  gift(gift: GiftEvent): void;
  updated(stream: Stream): void;
  settings?(settings: ChatSettings): void;
  topGifters?(items: TopGifters['items']): void;
}

/**
 * Listens to one room's events on a socket that may be in several rooms; returns the function that
 * stops listening. Joining and leaving stay with the caller, which knows when the UI is there.
 */
export function subscribeToRoom(socket: AirwaveSocket, streamId: string, h: RoomHandlers): () => void {
  const mine = (id: string) => id === streamId;
  const listeners = {
    'receive-message': (m: ChatMessage) => mine(m.streamId) && h.message(m),
    'message-deleted': (p: { streamId: string; messageId: number }) =>
      mine(p.streamId) && h.deleted(p.messageId),
    'viewer-count': (p: { streamId: string; viewerCount: number }) =>
      mine(p.streamId) && h.viewerCount(p.viewerCount),
    'stream-ended': (p: { streamId: string }) => mine(p.streamId) && h.ended(),
    'streamer-status': (p: { streamId: string; online: boolean }) =>
      mine(p.streamId) && h.streamerStatus(p.online),
    'chat-restricted': (r: ChatRestriction) => mine(r.streamId) && h.restricted(r),
    'receive-gift': (g: GiftEvent) => mine(g.streamId) && h.gift(g),
    'stream-updated': (s: Stream) => mine(s.id) && h.updated(s),
    'chat-settings': (p: { streamId: string; settings: ChatSettings }) =>
      mine(p.streamId) && h.settings?.(p.settings),
    'top-gifters': (p: TopGifters & { streamId: string }) => mine(p.streamId) && h.topGifters?.(p.items),
  };
  // The typed emitter cannot take a map of differently typed listeners in one call; the cast stays here.
  const on = socket.on.bind(socket) as unknown as (event: string, fn: (...args: never[]) => void) => void;
  const off = socket.off.bind(socket) as unknown as (event: string, fn: (...args: never[]) => void) => void;
  for (const [event, fn] of Object.entries(listeners)) on(event, fn);
  return () => {
    for (const [event, fn] of Object.entries(listeners)) off(event, fn);
  };
}

/** Appends messages not already shown (a re-join can overlap live events), in id order, keeping the last `max`. */
export function mergeMessages(prev: ChatMessage[], incoming: ChatMessage[], max: number): ChatMessage[] {
  const seen = new Set(prev.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id));
  if (fresh.length === 0) return prev;
  return [...prev, ...fresh].sort((a, b) => a.id - b.id).slice(-max);
}
