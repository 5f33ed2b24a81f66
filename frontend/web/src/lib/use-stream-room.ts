'use client';
import { createRoomStore } from '@airwave/client';
import { useBlocks } from '@airwave/client/react';
import { apiRoutes, type Stream } from '@airwave/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ackErrorText } from '../components/error-text.ts';
import { useAuth } from './auth-context.tsx';
import { useI18n } from './i18n.tsx';
import { useSocket } from './socket-context.tsx';

const MAX_MESSAGES = 500;

/**
 * Membership of one live room, shared by the watch page and the broadcaster: the client core's room
 * store (join, re-join after an unrecovered reconnect, the room's events) bound to this page.
 */
export function useStreamRoom(initial: Stream) {
  const { t } = useI18n();
  const { setCoins, api } = useAuth();
  const socket = useSocket();
  // biome-ignore lint/correctness/useExhaustiveDependencies: one store per stream; later copies of `initial` are the room's to update
  const store = useMemo(
    () =>
      createRoomStore(initial, {
        maxMessages: MAX_MESSAGES,
        onJoined: () => performance.mark('airwave:joined'),
        onWallet: (coins, beans) => setCoins(coins, beans),
        loadTopGifters: (id) => api(apiRoutes.streamTopGifters, { params: { id } }),
      }),
    [initial.id, setCoins, api],
  );
  useEffect(() => (socket ? store.connect(socket) : undefined), [socket, store]);
  const { ids: blocked } = useBlocks();
  useEffect(() => store.hideAuthors(blocked), [store, blocked]);
  const room = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const stream = room.stream ?? initial;
  const joinError = room.joinError ? ackErrorText(room.joinError, t) : null;
  return { ...room, socket, stream, joinError };
}
