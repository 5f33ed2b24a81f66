import { type AirwaveSocket, keepSocketAuthorized } from '@airwave/client';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { AppState } from 'react-native';
import { io } from 'socket.io-client';
import { useAuth } from './auth.tsx';
import { apiBaseUrl } from './config.ts';

export { type AirwaveSocket, emitWithAck } from '@airwave/client';
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface SocketValue {
  socket: AirwaveSocket | null;
  status: ConnectionStatus;
}

const SocketContext = createContext<SocketValue>({ socket: null, status: 'connecting' });

/**
 * The viewer key the server signed for this app run, so its reconnections count as one viewer. The
 * server issues it (`viewer-key`) to a connection that had none or an invalid one.
 */
let viewerKey: string | undefined;

/** Lets tests hand in a fake client. */
let factory: (url: string, opts: Parameters<typeof io>[1]) => AirwaveSocket = (url, opts) => io(url, opts);
export function setSocketFactory(f: typeof factory) {
  factory = f;
}

/**
 * One Socket.IO connection for the app, as the signed-in user. It reconnects by itself after
 * network loss (the UI shows "reconnecting"), right away when the app returns to the foreground,
 * and as the new identity when the user signs in or out. An expired token is refreshed first.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const { user, token, refresh, reloadMe } = useAuth();
  // The profile is re-read when the server says the account changed; a ref, so it never reconnects the socket.
  const reload = useRef(reloadMe);
  reload.current = reloadMe;
  const [value, setValue] = useState<SocketValue>({ socket: null, status: 'connecting' });
  const userId = user === undefined ? undefined : (user?.id ?? null);

  useEffect(() => {
    if (userId === undefined) return;
    const s = factory(apiBaseUrl(), {
      transports: ['websocket'],
      auth: (cb) => cb({ token: token() ?? undefined, viewerKey }),
    });
    // Fresh tokens reach the open socket; a role change shows in the UI at once.
    const stopAuthorizing = keepSocketAuthorized(s, {
      token,
      refresh,
      onSessionUpdated: () => void reload.current(),
    });
    s.on('viewer-key', (issued) => {
      viewerKey = issued.viewerKey;
    });
    let wasConnected = false;
    const set = (status: ConnectionStatus) => setValue({ socket: s, status });
    s.on('connect', () => {
      wasConnected = true;
      set('connected');
    });
    s.on('disconnect', () => set(wasConnected ? 'reconnecting' : 'connecting'));
    s.on('connect_error', async (err) => {
      set(wasConnected ? 'reconnecting' : 'connecting');
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'TOKEN_EXPIRED' && (await refresh())) s.connect();
    });
    const sub = AppState.addEventListener('change', (state) => {
      if (state === 'active' && !s.connected) s.connect();
    });
    setValue({ socket: s, status: s.connected ? 'connected' : 'connecting' });
    return () => {
      stopAuthorizing();
      sub.remove();
      s.disconnect();
      setValue({ socket: null, status: 'connecting' });
    };
  }, [userId, token, refresh]);

  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

export const useSocket = () => useContext(SocketContext).socket;
export const useConnectionStatus = () => useContext(SocketContext).status;
