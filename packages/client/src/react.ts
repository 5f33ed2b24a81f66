import type { Me } from '@airwave/shared';
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { type BlockListClient, type BlocksState, createBlockList, NO_BLOCKS } from './blocks.ts';
import { secondsLeft } from './chat.ts';
import { createSessionClient, type SessionClientOptions, type SessionView, sessionView } from './session.ts';

const SessionContext = createContext<SessionView | null>(null);

/**
 * The React binding of the session client, for web, admin and the phone app alike (each resolves
 * its own React): one client for the life of the app, made from the first `options` and restored
 * on mount. Its functions keep their identity across renders, so effects that use them never
 * restart because the profile changed.
 */
export function SessionProvider({
  options,
  children,
}: {
  options: Omit<SessionClientOptions, 'onChange'>;
  children?: ReactNode;
}) {
  // undefined while the session is being restored; null when signed out.
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const [client] = useState(() =>
    createSessionClient({ ...options, onChange: (s) => setUser(s?.user ?? null) }),
  );
  useEffect(() => {
    void client.restore();
  }, [client]);
  const value = useMemo(() => sessionView(client, user), [user, client]);
  return createElement(SessionContext.Provider, { value }, children);
}

/** The session as the screens see it (inside a SessionProvider). */
export function useSession(): SessionView {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * Seconds left until `until` (epoch ms), re-rendering as they tick down while there are any: the
 * chat composer's slow-mode and retry-after countdown on web and phone.
 */
export function useSecondsLeft(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    setNow(Date.now());
    const id = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) clearInterval(id);
    }, 250);
    return () => clearInterval(id);
  }, [until]);
  return secondsLeft(until, now);
}

const BlocksContext = createContext<BlockListClient | null>(null);

/**
 * The signed-in user's block list for every screen below (inside a SessionProvider): loaded once
 * per account at sign-in, and dropped at sign-out, so the next account never sees the last one's.
 */
export function BlocksProvider({ children }: { children?: ReactNode }) {
  const { user, api } = useSession();
  const userId = user?.id;
  const list = useMemo(() => (userId ? createBlockList(api) : null), [userId, api]);
  useEffect(() => {
    // A failed first load shows on the blocked-users screen, which offers to try again.
    list?.load().catch(() => {});
  }, [list]);
  return createElement(BlocksContext.Provider, { value: list }, children);
}

const noSubscription = () => () => {};

/** The block list and its changes; signed out, an empty list that cannot change. */
export function useBlocks(): BlocksState & { list: BlockListClient | null } {
  const list = useContext(BlocksContext);
  const state = useSyncExternalStore(
    list?.subscribe ?? noSubscription,
    list?.getState ?? (() => NO_BLOCKS),
    list?.getState ?? (() => NO_BLOCKS),
  );
  return { ...state, list };
}
