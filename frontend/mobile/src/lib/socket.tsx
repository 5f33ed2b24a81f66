import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { AppState } from 'react-native';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from './auth.tsx';
import { apiBaseUrl } from './config.ts';

export type AirwaveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface SocketValue {
  socket: AirwaveSocket | null;
  status: ConnectionStatus;
}

const SocketContext = createContext<SocketValue>({ socket: null, status: 'connecting' });

/** Counts this app install once however many times it connects. */
const viewerKey = `m${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

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
  const { user, token, refresh } = useAuth();
  const [value, setValue] = useState<SocketValue>({ socket: null, status: 'connecting' });
  const userId = user === undefined ? undefined : (user?.id ?? null);

  useEffect(() => {
    if (userId === undefined) return;
    const s = factory(apiBaseUrl(), {
      transports: ['websocket'],
      auth: (cb) => cb({ token: token() ?? undefined, viewerKey }),
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
      sub.remove();
      s.disconnect();
      setValue({ socket: null, status: 'connecting' });
    };
  }, [userId, token, refresh]);

  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

export const useSocket = () => useContext(SocketContext).socket;
export const useConnectionStatus = () => useContext(SocketContext).status;

type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: infer R,
) => void
  ? R
  : never;

/** Emits with an ack and a timeout, so a dead connection surfaces as an error, not a hang. */
export function emitWithAck<E extends keyof ClientToServerEvents>(
  socket: AirwaveSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 10_000,
): Promise<AckOf<E>> {
  return new Promise((resolve) => {
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emit as unknown as (
      ev: string,
      p: unknown,
      cb: (err: Error | null, r: unknown) => void,
    ) => void;
    emit.call(timed, String(event), payload, (err, response) => {
      if (err) {
        resolve({
          ok: false,
          error: { code: 'SERVICE_UNAVAILABLE', message: 'No answer from the server.' },
        } as Ack<never> as AckOf<E>);
      } else resolve(response as AckOf<E>);
    });
  });
}
