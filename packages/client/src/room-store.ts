import type {
  ApiErrorBody,
  ChatMessage,
  ChatRestriction,
  ChatSettings,
  GiftEvent,
  Stream,
  TopGifters,
} from '@airwave/shared';
import { mergeMessages, subscribeToRoom } from './room.ts';
import { type AirwaveSocket, emitWithAck } from './socket.ts';

/** Everything a live room's screen shows besides the video, as the room's events left it. */
export interface RoomState {
  stream: Stream | null;
  messages: ChatMessage[];
  settings: ChatSettings | null;
  canModerate: boolean;
  restriction: ChatRestriction | null;
  viewerCount: number;
  ended: boolean;
  streamerAway: boolean;
  /** Grows on every (re)join and when the streamer comes back: the player asks for media again. */
  generation: number;
  /** The last few gifts, for the overlay. */
  gifts: GiftEvent[];
  /** Who gave the most in this stream, most first (loaded on join, then pushed after each gift). */
  topGifters: TopGifters['items'];
  /** Why the last join was refused (the app words it), null once a join succeeds. */
  joinError: ApiErrorBody | null;
  /**
   * In the room now: the join was acknowledged and the connection is up. The server refuses chat
   * and gifts from a socket that has not joined, so the app holds its composer and gift button
   * until this is true (a slow join, a reconnect) rather than showing a refusal for a fast click.
   */
  joined: boolean;
}

export interface RoomStoreOptions {
  /** How many chat messages are kept. */
  maxMessages: number;
  /** Told after every successful join (the web app marks it for its first-frame bench). */
  onJoined?(): void;
  /** The user's balances changed (a gift sent or received while in the room). */
  onWallet?(coins: number, beans: number): void;
  /** Fetches the stream's top gifters (the REST route); asked after each join, as the room pushes only changes. */
  loadTopGifters?(streamId: string): Promise<TopGifters>;
}

const GIFTS_SHOWN = 6;

/**
 * Membership of one live room, independent of any UI framework: joins with an ack (and re-joins
 * after a connection Socket.IO could not recover, asking for the chat missed since the last message
 * it has), keeps the stream, chat, counts, rules and gifts current from the room's events, and
 * leaves when disconnected. `subscribe`/`getState` suit React's `useSyncExternalStore`.
 */
export function createRoomStore(initial: Stream | null, o: RoomStoreOptions) {
  let state: RoomState = {
    stream: initial,
    messages: [],
    settings: null,
    canModerate: false,
    restriction: null,
    viewerCount: initial?.viewerCount ?? 0,
    ended: initial?.status === 'ended',
    streamerAway: false,
    generation: 0,
    gifts: [],
    topGifters: [],
    joinError: null,
    joined: false,
  };
  const listeners = new Set<() => void>();
  // Authors the reader blocked: their messages never enter the list, live or from history.
  let hidden: ReadonlySet<string> = new Set();
  const shown = (messages: ChatMessage[]) =>
    hidden.size === 0 ? messages : messages.filter((m) => !hidden.has(m.author.id));
  let lastMessageId: number | undefined;
  // Once the room has told us its count, a stream copy fetched over REST (stored, up to an interval
  // old) must not overwrite it when that fetch lands late.
  let countFromRoom = false;
  // Bumped by every pushed list, so a fetched one that lands after a push is dropped.
  let giftersVersion = 0;

  const set = (patch: Partial<RoomState> | ((s: RoomState) => Partial<RoomState>)) => {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    for (const fn of listeners) fn();
  };

  /** Listens and joins on `socket`; returns the function that leaves. A stream known ended is not joined. */
  function connect(socket: AirwaveSocket) {
    const streamId = state.stream?.id;
    if (!streamId || state.stream?.status === 'ended') return () => {};
    let joinedOnce = false;
    async function join() {
      const res = await emitWithAck(socket, 'join-stream', {
        streamId: streamId as string,
        ...(joinedOnce && lastMessageId !== undefined ? { sinceMessageId: lastMessageId } : {}),
      });
      if (!res.ok) {
        if (res.error.code === 'STREAM_NOT_LIVE') set({ ended: true });
        else set({ joinError: res.error });
        return;
      }
      o.onJoined?.();
      countFromRoom = true;
      const rejoin = joinedOnce;
      set((s) => ({
        joinError: null,
        joined: true,
        stream: res.stream,
        viewerCount: res.viewerCount,
        settings: res.chatSettings,
        canModerate: res.you.canModerate,
        restriction: res.you.restriction,
        // A first join shows recent history; a re-join appends what was missed.
        messages: rejoin
          ? mergeMessages(s.messages, shown(res.messages), o.maxMessages)
          : shown(res.messages).slice(-o.maxMessages),
        generation: s.generation + 1,
      }));
      lastMessageId = res.messages.at(-1)?.id ?? lastMessageId;
      joinedOnce = true;
      loadGifters(streamId as string);
    }
    function loadGifters(id: string) {
      const version = giftersVersion;
      // The list is a nicety: a failed fetch leaves the last one, and the next gift pushes a fresh one.
      o.loadTopGifters?.(id).then(
        (list) => version === giftersVersion && set({ topGifters: list.items }),
        () => {},
      );
    }
    const onConnect = () => {
      // A recovered connection kept its rooms and replayed what it missed; only a fresh one re-joins.
      if (socket.recovered) set({ joined: joinedOnce });
      else void join();
    };
    const onDisconnect = () => set({ joined: false });
    const unsubscribe = subscribeToRoom(socket, streamId, {
      message(m) {
        // Counted as seen even when hidden, so a re-join does not ask for it again.
        lastMessageId = m.id;
        if (hidden.has(m.author.id)) return;
        set((s) => ({ messages: mergeMessages(s.messages, [m], o.maxMessages) }));
      },
      deleted: (id) => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })),
      viewerCount(viewerCount) {
        countFromRoom = true;
        set({ viewerCount });
      },
      ended: () => set({ ended: true }),
      streamerStatus: (online) =>
        set((s) => ({ streamerAway: !online, generation: online ? s.generation + 1 : s.generation })),
      restricted: (r) => set({ restriction: r.kind === 'unban' ? null : r }),
      gift: (g) => set((s) => ({ gifts: [...s.gifts.slice(1 - GIFTS_SHOWN), g] })),
      updated: (stream) => set({ stream }),
      settings: (settings) => set({ settings }),
      topGifters(items) {
        giftersVersion++;
        set({ topGifters: items });
      },
    });
    const onWallet = (w: { coins: number; beans: number }) => o.onWallet?.(w.coins, w.beans);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('wallet-updated', onWallet);
    if (socket.connected) void join();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('wallet-updated', onWallet);
      unsubscribe();
      if (socket.connected) socket.emit('leave-stream', { streamId }, () => {});
      countFromRoom = false;
      set({ joined: false });
    };
  }

  return {
    subscribe(fn: () => void) {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
    getState: () => state,
    connect,
    /**
     * The reader's blocked users (their own list from the server): what they wrote leaves the list
     * now and never enters it again. The room itself is never told, so the blocked user is not either.
     */
    hideAuthors(ids: ReadonlySet<string>) {
      hidden = ids;
      set((s) => ({ messages: shown(s.messages) }));
    },
    /** A fresher copy of the stream from REST: taken, except a count the room already gave. */
    refreshed(stream: Stream) {
      set({
        stream,
        ended: stream.status === 'ended',
        ...(countFromRoom ? {} : { viewerCount: stream.viewerCount }),
      });
    },
  };
}

export type RoomStore = ReturnType<typeof createRoomStore>;
