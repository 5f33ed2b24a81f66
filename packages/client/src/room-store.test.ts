import { ChatSettings, type JoinStreamResult, TopGifters } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { createRoomStore } from './room-store.ts';
import { fakeSocket } from './testing/fake-socket.ts';
import { chatMessage, giftEvent, ids, liveStream } from './testing/fixtures.ts';

const settings = ChatSettings.parse({
  slowModeSeconds: 0,
  registeredOnly: false,
  minAccountAgeMinutes: 1440,
  followersOnly: false,
  minFollowAgeMinutes: 0,
  bannedWords: [],
  bannedWordsAction: 'block',
});
const joined = (messages: number[], viewerCount = 5): { ok: true } & JoinStreamResult => ({
  ok: true,
  stream: liveStream({ viewerCount }),
  messages: messages.map((id) => chatMessage(id)),
  viewerCount,
  chatSettings: settings,
  you: { isStreamer: false, canModerate: true, restriction: null },
});
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(history: number[][] = [[1, 2, 3]]) {
  let joins = 0;
  const server = fakeSocket({
    'join-stream': () => joined(history[Math.min(joins++, history.length - 1)] ?? []),
  });
  const wallet: number[] = [];
  const store = createRoomStore(liveStream(), { maxMessages: 4, onWallet: (coins) => wallet.push(coins) });
  const leave = store.connect(server.socket);
  return { ...server, store, leave, wallet, ids: () => store.getState().messages.map((m) => m.id) };
}

const gifters = (...coins: number[]) =>
  TopGifters.parse({
    items: coins.map((c, i) => ({
      user: {
        id: `00000000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
        nickname: `fan${i}`,
        avatarUrl: null,
      },
      coins: c,
    })),
  });

describe('the room store', () => {
  it('joins with an ack and takes the stream, count, rules and history from it', async () => {
    const t = setup();
    const seen: number[] = [];
    t.store.subscribe(() => seen.push(t.store.getState().generation));
    // Not in the room until the server says so: the app holds chat and gifts until then.
    expect(t.store.getState().joined).toBe(false);
    await settle();
    expect(t.store.getState().joined).toBe(true);
    expect(t.payloads('join-stream')).toEqual([{ streamId: ids.stream }]);
    expect(t.store.getState()).toMatchObject({ viewerCount: 5, settings, canModerate: true, generation: 1 });
    expect(t.ids()).toEqual([1, 2, 3]);
    expect(seen).toEqual([1]);
  });

  it('merges live messages by id, in order, keeping the last few; drops deleted ones', async () => {
    const t = setup();
    await settle();
    t.serverEmit('receive-message', chatMessage(3));
    t.serverEmit('receive-message', chatMessage(5));
    t.serverEmit('receive-message', chatMessage(4));
    expect(t.ids()).toEqual([2, 3, 4, 5]);
    t.serverEmit('message-deleted', { streamId: ids.stream, messageId: 4 });
    expect(t.ids()).toEqual([2, 3, 5]);
    // Another room's events on the same socket are not this room's.
    t.serverEmit('receive-message', { ...chatMessage(9), streamId: ids.viewer });
    expect(t.ids()).toEqual([2, 3, 5]);
  });

  it('re-joins with sinceMessageId after a reconnect that was not recovered, and merges what it missed', async () => {
    const t = setup([
      [1, 2],
      [3, 4],
    ]);
    await settle();
    t.serverEmit('receive-message', chatMessage(3));
    t.disconnect();
    expect(t.store.getState().joined).toBe(false);
    t.reconnect(false);
    expect(t.store.getState().joined).toBe(false);
    await settle();
    expect(t.store.getState().joined).toBe(true);
    expect(t.payloads('join-stream')).toEqual([
      { streamId: ids.stream },
      { streamId: ids.stream, sinceMessageId: 3 },
    ]);
    expect(t.ids()).toEqual([1, 2, 3, 4]);
    expect(t.store.getState().generation).toBe(2);
  });

  it("hides what the reader's blocked users wrote: in the history, live, after a re-join, and on screen", async () => {
    const byHarasser = (id: number) => ({
      ...chatMessage(id),
      author: { id: ids.streamer, nickname: 'troll', badge: null },
    });
    const histories = [
      [chatMessage(1), byHarasser(2), chatMessage(3)],
      [byHarasser(5), chatMessage(6)],
    ];
    let joins = 0;
    const server = fakeSocket({
      'join-stream': () => ({ ...joined([]), messages: histories[joins++] ?? [] }),
    });
    const store = createRoomStore(liveStream(), { maxMessages: 10 });
    const shown = () => store.getState().messages.map((m) => m.id);
    store.hideAuthors(new Set([ids.streamer]));
    store.connect(server.socket);
    await settle();
    expect(shown()).toEqual([1, 3]);
    server.serverEmit('receive-message', byHarasser(4));
    expect(shown()).toEqual([1, 3]);
    server.disconnect();
    server.reconnect(false);
    await settle();
    // A hidden message still counts as seen: the re-join asks only for what came after it.
    expect(server.payloads('join-stream').at(-1)).toEqual({ streamId: ids.stream, sinceMessageId: 4 });
    expect(shown()).toEqual([1, 3, 6]);
    // Blocking an author already on screen takes their messages off at once.
    store.hideAuthors(new Set([ids.streamer, ids.viewer]));
    expect(shown()).toEqual([]);
  });

  it('does not re-join after a recovered reconnect (the server kept the room and replayed the events)', async () => {
    const t = setup();
    await settle();
    t.disconnect();
    expect(t.store.getState().joined).toBe(false);
    t.reconnect(true);
    expect(t.store.getState().joined).toBe(true);
    await settle();
    expect(t.payloads('join-stream')).toHaveLength(1);
    t.leave();
    expect(t.store.getState().joined).toBe(false);
  });

  it('follows counts, stream updates, restrictions, the streamer, gifts, balances and the end', async () => {
    const t = setup();
    await settle();
    t.serverEmit('viewer-count', { streamId: ids.stream, viewerCount: 9 });
    t.serverEmit('stream-updated', liveStream({ title: 'Evening run' }));
    t.serverEmit('chat-restricted', { streamId: ids.stream, kind: 'timeout', until: null, reason: null });
    expect(t.store.getState()).toMatchObject({ viewerCount: 9, restriction: { kind: 'timeout' } });
    expect(t.store.getState().stream?.title).toBe('Evening run');
    t.serverEmit('chat-restricted', { streamId: ids.stream, kind: 'unban', until: null, reason: null });
    expect(t.store.getState().restriction).toBeNull();
    t.serverEmit('streamer-status', { streamId: ids.stream, online: false });
    expect(t.store.getState()).toMatchObject({ streamerAway: true, generation: 1 });
    t.serverEmit('streamer-status', { streamId: ids.stream, online: true });
    expect(t.store.getState()).toMatchObject({ streamerAway: false, generation: 2 });
    for (let n = 1; n <= 8; n++) t.serverEmit('receive-gift', giftEvent(n));
    expect(t.store.getState().gifts.map((g) => g.id.at(-1))).toEqual(['3', '4', '5', '6', '7', '8']);
    t.serverEmit('wallet-updated', { coins: 40, beans: 2 });
    expect(t.wallet).toEqual([40]);
    // A stored REST copy landing late does not overwrite the room's count.
    t.store.refreshed(liveStream({ viewerCount: 1 }));
    expect(t.store.getState().viewerCount).toBe(9);
    t.serverEmit('stream-ended', { streamId: ids.stream, reason: 'ended-by-streamer' });
    expect(t.store.getState().ended).toBe(true);
  });

  it('a stream no longer live ends the room; another refusal is kept for the app to word', async () => {
    const gone = fakeSocket({
      'join-stream': () => ({ ok: false, error: { code: 'STREAM_NOT_LIVE', message: 'over' } }),
    });
    const a = createRoomStore(liveStream(), { maxMessages: 10 });
    a.connect(gone.socket);
    await settle();
    expect(a.getState()).toMatchObject({ ended: true, joinError: null });

    const busy = fakeSocket({
      'join-stream': () => ({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } }),
    });
    const b = createRoomStore(liveStream(), { maxMessages: 10 });
    b.connect(busy.socket);
    await settle();
    expect(b.getState()).toMatchObject({ ended: false, joined: false, joinError: { code: 'RATE_LIMITED' } });
  });

  it('leaves and stops listening on disconnect; an ended stream is never joined', async () => {
    const t = setup();
    await settle();
    t.leave();
    expect(t.payloads('leave-stream')).toEqual([{ streamId: ids.stream }]);
    t.serverEmit('receive-message', chatMessage(7));
    t.reconnect(false);
    await settle();
    expect(t.ids()).toEqual([1, 2, 3]);
    expect(t.payloads('join-stream')).toHaveLength(1);

    const over = fakeSocket();
    createRoomStore(liveStream({ status: 'ended' }), { maxMessages: 10 }).connect(over.socket);
    await settle();
    expect(over.sent).toEqual([]);
  });
  it('loads the top gifters on each join and takes the pushed list; a fetch that lands after a push is dropped', async () => {
    const server = fakeSocket({ 'join-stream': () => joined([1]) });
    const fetches: Array<(list: TopGifters) => void> = [];
    const asked: string[] = [];
    const store = createRoomStore(liveStream(), {
      maxMessages: 4,
      loadTopGifters: (id) => {
        asked.push(id);
        return new Promise((resolve) => fetches.push(resolve));
      },
    });
    store.connect(server.socket);
    await settle();
    expect(asked).toEqual([ids.stream]);
    fetches[0]?.(gifters(50, 20));
    await settle();
    expect(store.getState().topGifters.map((g) => g.coins)).toEqual([50, 20]);

    server.serverEmit('top-gifters', { streamId: ids.stream, ...gifters(70, 50) });
    expect(store.getState().topGifters.map((g) => g.coins)).toEqual([70, 50]);
    // Another room's list on the same socket is not this room's.
    server.serverEmit('top-gifters', { streamId: ids.viewer, ...gifters(1) });
    expect(store.getState().topGifters.map((g) => g.coins)).toEqual([70, 50]);

    // A re-join asks again; a push that arrives while that fetch is out wins over the older fetch.
    server.disconnect();
    server.reconnect(false);
    await settle();
    expect(asked).toHaveLength(2);
    server.serverEmit('top-gifters', { streamId: ids.stream, ...gifters(90, 70) });
    fetches[1]?.(gifters(70, 50));
    await settle();
    expect(store.getState().topGifters.map((g) => g.coins)).toEqual([90, 70]);
  });
});
