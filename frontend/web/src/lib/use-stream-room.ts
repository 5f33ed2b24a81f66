'use client';
import { mergeMessages, subscribeToRoom } from '@airwave/client';
import type { ChatMessage, ChatRestriction, ChatSettings, GiftEvent, Stream } from '@airwave/shared';
import { useEffect, useRef, useState } from 'react';
import { ackErrorText } from '../components/error-text.ts';
import { useAuth } from './auth-context.tsx';
import { useI18n } from './i18n.tsx';
import { emitWithAck, useSocket } from './socket-context.tsx';

const MAX_MESSAGES = 500;

/** Appends messages not already shown (a re-join can overlap what live events delivered), in id order. */
/**
 * Membership of one live room, shared by the watch page and the broadcaster: joins (and re-joins
 * after a connection that could not be recovered, fetching the chat it missed) and keeps the
 * stream, chat, counts, rules and gifts current from the room's events.
 */
export function useStreamRoom(initial: Stream) {
  const { t } = useI18n();
  const { setCoins } = useAuth();
  const socket = useSocket();
  const [stream, setStream] = useState(initial);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [canModerate, setCanModerate] = useState(false);
  const [restriction, setRestriction] = useState<ChatRestriction | null>(null);
  const [viewerCount, setViewerCount] = useState(initial.viewerCount);
  const [ended, setEnded] = useState(initial.status === 'ended');
  const [streamerAway, setStreamerAway] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [gifts, setGifts] = useState<GiftEvent[]>([]);
  const [joinError, setJoinError] = useState<string | null>(null);
  const lastMessageId = useRef<number | undefined>(undefined);
  const streamId = initial.id;

  useEffect(() => {
    if (!socket || initial.status === 'ended') return;
    let joinedOnce = false;
    async function join() {
      if (!socket) return;
      const res = await emitWithAck(socket, 'join-stream', {
        streamId,
        ...(joinedOnce && lastMessageId.current !== undefined
          ? { sinceMessageId: lastMessageId.current }
          : {}),
      });
      if (!res.ok) {
        if (res.error.code === 'STREAM_NOT_LIVE') setEnded(true);
        else setJoinError(ackErrorText(res.error, t));
        return;
      }
      performance.mark('airwave:joined');
      setJoinError(null);
      setStream(res.stream);
      setViewerCount(res.viewerCount);
      setSettings(res.chatSettings);
      setCanModerate(res.you.canModerate);
      setRestriction(res.you.restriction);
      // A first join shows recent history; a re-join appends what was missed.
      setMessages((prev) => (joinedOnce ? mergeMessages(prev, res.messages, MAX_MESSAGES) : res.messages));
      lastMessageId.current = res.messages.at(-1)?.id ?? lastMessageId.current;
      joinedOnce = true;
      setGeneration((g) => g + 1);
    }
    const onConnect = () => {
      // A recovered connection kept its rooms and replayed what it missed; only a fresh one re-joins.
      if (!socket.recovered) void join();
    };
    const unsubscribe = subscribeToRoom(socket, streamId, {
      message(m) {
        lastMessageId.current = m.id;
        setMessages((prev) => mergeMessages(prev, [m], MAX_MESSAGES));
      },
      deleted: (messageId) => setMessages((prev) => prev.filter((m) => m.id !== messageId)),
      viewerCount: setViewerCount,
      ended: () => setEnded(true),
      streamerStatus(online) {
        setStreamerAway(!online);
        if (online) setGeneration((g) => g + 1);
      },
      restricted: (r) => setRestriction(r.kind === 'unban' ? null : r),
      gift: (g) => setGifts((prev) => [...prev.slice(-5), g]),
      updated: setStream,
      settings: setSettings,
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
    };
  }, [socket, streamId, initial.status, t, setCoins]);

  return {
    socket,
    stream,
    messages,
    settings,
    canModerate,
    restriction,
    viewerCount,
    ended,
    streamerAway,
    generation,
    gifts,
    joinError,
  };
}
