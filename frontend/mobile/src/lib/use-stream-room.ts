import { mergeMessages, subscribeToRoom } from '@airwave/client';
import type { ChatMessage, ChatRestriction, GiftEvent, Stream } from '@airwave/shared';
import { useEffect, useRef, useState } from 'react';
import { useAuth } from './auth.tsx';
import { emitWithAck, useSocket } from './socket.tsx';

const MAX_MESSAGES = 200;

/**
 * Membership of one live room, for the watch screen and the broadcaster: joins (and re-joins after a
 * connection that could not be recovered, fetching the chat it missed) and keeps chat, counts and
 * gifts current. `generation` grows on every (re)join and when the streamer comes back.
 */
export function useStreamRoom(initial: Stream | null) {
  const { setCoins } = useAuth();
  const socket = useSocket();
  const [stream, setStream] = useState(initial);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [restriction, setRestriction] = useState<ChatRestriction | null>(null);
  const [viewerCount, setViewerCount] = useState(initial?.viewerCount ?? 0);
  const [ended, setEnded] = useState(initial?.status === 'ended');
  const [streamerAway, setStreamerAway] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [gifts, setGifts] = useState<GiftEvent[]>([]);
  const [joinError, setJoinError] = useState<string | null>(null);
  const lastMessageId = useRef<number | undefined>(undefined);
  // Once the room has told us its count, the stream fetched over REST (stored, up to an interval
  // old) must not overwrite it when that fetch lands late.
  const countFromRoom = useRef(false);
  const streamId = initial?.id;
  const initiallyEnded = initial?.status === 'ended';

  useEffect(() => {
    if (initial) setStream(initial);
    setEnded(initial?.status === 'ended');
    if (initial && !countFromRoom.current) setViewerCount(initial.viewerCount);
  }, [initial]);

  useEffect(() => {
    if (!socket || !streamId || initiallyEnded) return;
    let joinedOnce = false;
    async function join() {
      if (!socket || !streamId) return;
      const res = await emitWithAck(socket, 'join-stream', {
        streamId,
        ...(joinedOnce && lastMessageId.current !== undefined
          ? { sinceMessageId: lastMessageId.current }
          : {}),
      });
      if (!res.ok) {
        if (res.error.code === 'STREAM_NOT_LIVE') setEnded(true);
        else setJoinError(res.error.message);
        return;
      }
      setJoinError(null);
      setStream(res.stream);
      countFromRoom.current = true;
      setViewerCount(res.viewerCount);
      setRestriction(res.you.restriction);
      setMessages((prev) =>
        joinedOnce ? mergeMessages(prev, res.messages, MAX_MESSAGES) : res.messages.slice(-MAX_MESSAGES),
      );
      lastMessageId.current = res.messages.at(-1)?.id ?? lastMessageId.current;
      joinedOnce = true;
      setGeneration((g) => g + 1);
    }
    const onConnect = () => {
      if (!socket.recovered) void join();
    };
    const unsubscribe = subscribeToRoom(socket, streamId, {
      message(m) {
        lastMessageId.current = m.id;
        setMessages((prev) => mergeMessages(prev, [m], MAX_MESSAGES));
      },
      deleted: (messageId) => setMessages((prev) => prev.filter((m) => m.id !== messageId)),
      viewerCount(count) {
        countFromRoom.current = true;
        setViewerCount(count);
      },
      ended: () => setEnded(true),
      streamerStatus(online) {
        setStreamerAway(!online);
        if (online) setGeneration((g) => g + 1);
      },
      restricted: (r) => setRestriction(r.kind === 'unban' ? null : r),
      gift: (g) => setGifts((prev) => [...prev.slice(-5), g]),
      updated: setStream,
    });
    const onWallet = (w: { coins: number; beans: number }) => setCoins(w.coins, w.beans);

    socket.on('connect', onConnect);
    socket.on('wallet-updated', onWallet);
    if (socket.connected) void join();
    return () => {
      socket.off('connect', onConnect);
      unsubscribe();
      socket.off('wallet-updated', onWallet);
      if (socket.connected) socket.emit('leave-stream', { streamId }, () => {});
      countFromRoom.current = false;
    };
  }, [socket, streamId, initiallyEnded, setCoins]);

  return {
    socket,
    stream,
    messages,
    restriction,
    viewerCount,
    ended,
    streamerAway,
    generation,
    gifts,
    joinError,
  };
}
