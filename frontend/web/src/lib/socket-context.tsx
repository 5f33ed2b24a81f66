'use client';
import { type AirwaveSocket, keepSocketAuthorized } from '@airwave/client';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import { useAuth } from './auth-context.tsx';

export { type AirwaveSocket, emitWithAck } from '@airwave/client';

const SocketContext = createContext<AirwaveSocket | null>(null);

/**
 * The viewer key the server signed for this browser, so an anonymous viewer's tabs count once. The
 * server issues it (`viewer-key`) to a connection that had none or an invalid one; it is kept here.
 */
const VIEWER_KEY = 'airwave.viewerKey';
const storedViewerKey = () => localStorage.getItem(VIEWER_KEY) ?? undefined;

/**
 * One Socket.IO connection per tab, signed in with the current access token. When the token
 * changes (sign-in, sign-out) the socket reconnects as the new identity; an expired token is
 * refreshed and the connection retried.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const { user, token, refresh, forget, reloadMe } = useAuth();
  // The profile is re-read when the server says the account changed; a ref, so it never reconnects the socket.
  const reload = useRef(reloadMe);
  reload.current = reloadMe;
  const [socket, setSocket] = useState<AirwaveSocket | null>(null);
  const userId = user === undefined ? undefined : (user?.id ?? null);

  useEffect(() => {
    if (userId === undefined) return;
    const s: AirwaveSocket = io({
      transports: ['websocket'],
      auth: (cb) => cb({ token: token() ?? undefined, viewerKey: storedViewerKey() }),
    });
    s.on('viewer-key', ({ viewerKey }) => localStorage.setItem(VIEWER_KEY, viewerKey));
    // Banned, or signed out elsewhere: this session is over on this device too.
    s.on('session-revoked', forget);
    // Fresh tokens reach the open socket; a role change shows in the UI at once.
    const stopAuthorizing = keepSocketAuthorized(s, {
      token,
      refresh,
      onSessionUpdated: () => void reload.current(),
    });
    s.on('connect_error', async (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'TOKEN_EXPIRED' && (await refresh())) s.connect();
    });
    // Marks let the first-frame benchmark (and anyone in DevTools) see where start-up time goes.
    s.on('connect', () => performance.mark('airwave:socket-connected'));
    setSocket(s);
    return () => {
      stopAuthorizing();
      s.disconnect();
      setSocket(null);
    };
  }, [userId, token, refresh, forget]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export const useSocket = () => useContext(SocketContext);
