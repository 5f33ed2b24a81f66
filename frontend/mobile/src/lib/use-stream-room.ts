import { createRoomStore } from '@airwave/client';
import { useBlocks } from '@airwave/client/react';
import { apiRoutes, type Stream } from '@airwave/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { refusal } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';
import { useSocket } from './socket.tsx';

const MAX_MESSAGES = 200;

/**
 * Membership of one live room, for the watch screen and the broadcaster: the client core's room
 * store bound to the screen. `initial` may arrive later (and again, refreshed over REST).
 */
export function useStreamRoom(initial: Stream | null) {
  const { setCoins, api } = useAuth();
  const { t } = useI18n();
  const socket = useSocket();
  const streamId = initial?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one store per stream id; refreshed copies go through `refreshed`
  const store = useMemo(
    () =>
      createRoomStore(initial, {
        maxMessages: MAX_MESSAGES,
        onWallet: setCoins,
        loadTopGifters: (id) => api(apiRoutes.streamTopGifters, { params: { id } }),
      }),
    [streamId, setCoins, api],
  );
  useEffect(() => {
    if (initial) store.refreshed(initial);
  }, [store, initial]);
  const initiallyEnded = initial?.status === 'ended';
  // biome-ignore lint/correctness/useExhaustiveDependencies: a stream that REST says ended is left and not joined again
  useEffect(() => (socket ? store.connect(socket) : undefined), [socket, store, initiallyEnded]);
  const { ids: blocked } = useBlocks();
  useEffect(() => store.hideAuthors(blocked), [store, blocked]);
  const room = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  return { ...room, socket, joinError: room.joinError ? refusal(room.joinError, t) : null };
}
