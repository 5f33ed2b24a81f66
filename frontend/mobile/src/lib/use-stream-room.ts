import type { ChatMessage, ChatRestriction, GiftEvent, Stream } from '@airwave/shared';
import { useEffect, useRef, useState } from 'react';
import { useAuth } from './auth.tsx';
import { emitWithAck, useSocket } from './socket.tsx';

const MAX_MESSAGES = 200;

function merge(prev: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const seen = new Set(prev.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id));
  if (fresh.length === 0) return prev;
  return [...prev, ...fresh].sort((a, b) => a.id - b.id).slice(-MAX_MESSAGES);
}

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
  const streamId = initial?.id;
  const initiallyEnded = initial?.status === 'ended';

  useEffect(() => {
    if (initial) setStream(initial);
    setEnded(initial?.status === 'ended');
    if (initial) setViewerCount(initial.viewerCount);
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
      setViewerCount(res.viewerCount);
      setRestriction(res.you.restriction);
      setMessages((prev) => (joinedOnce ? merge(prev, res.messages) : res.messages.slice(-MAX_MESSAGES)));
      lastMessageId.current = res.messages.at(-1)?.id ?? lastMessageId.current;
      joinedOnce = true;
      setGeneration((g) => g + 1);
    }
    const onConnect = () => {
      if (!socket.recovered) void join();
    };
    const onMessage = (m: ChatMessage) => {
      if (m.streamId !== streamId) return;
      lastMessageId.current = m.id;
      setMessages((prev) => merge(prev, [m]));
    };
    const onDeleted = ({ streamId: id, messageId }: { streamId: string; messageId: number }) => {
      if (id === streamId) setMessages((prev) => prev.filter((m) => m.id !== messageId));
    };
    const onCount = ({ streamId: id, viewerCount: n }: { streamId: string; viewerCount: number }) => {
      if (id === streamId) setViewerCount(n);
    };
    const onEnded = ({ streamId: id }: { streamId: string }) => {
      if (id === streamId) setEnded(true);
    };
    const onStatus = ({ streamId: id, online }: { streamId: string; online: boolean }) => {
      if (id !== streamId) return;
      setStreamerAway(!online);
      if (online) setGeneration((g) => g + 1);
    };
    const onRestricted = (r: ChatRestriction) => {
      if (r.streamId === streamId) setRestriction(r.kind === 'unban' ? null : r);
    };
    const onGift = (g: GiftEvent) => {
      if (g.streamId === streamId) setGifts((prev) => [...prev.slice(-5), g]);
    };
    const onUpdated = (s: Stream) => {
      if (s.id === streamId) setStream(s);
    };
    const onWallet = (w: { coins: number; beans: number }) => setCoins(w.coins, w.beans);

    socket.on('connect', onConnect);
    socket.on('receive-message', onMessage);
    socket.on('message-deleted', onDeleted);
    socket.on('viewer-count', onCount);
    socket.on('stream-ended', onEnded);
    socket.on('streamer-status', onStatus);
    socket.on('chat-restricted', onRestricted);
    socket.on('receive-gift', onGift);
    socket.on('stream-updated', onUpdated);
    socket.on('wallet-updated', onWallet);
    if (socket.connected) void join();
    return () => {
      socket.off('connect', onConnect);
      socket.off('receive-message', onMessage);
      socket.off('message-deleted', onDeleted);
      socket.off('viewer-count', onCount);
      socket.off('stream-ended', onEnded);
      socket.off('streamer-status', onStatus);
      socket.off('chat-restricted', onRestricted);
      socket.off('receive-gift', onGift);
      socket.off('stream-updated', onUpdated);
      socket.off('wallet-updated', onWallet);
      if (socket.connected) socket.emit('leave-stream', { streamId }, () => {});
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
