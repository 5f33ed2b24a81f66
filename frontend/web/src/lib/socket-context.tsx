'use client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from './auth-context.tsx';

export type AirwaveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<AirwaveSocket | null>(null);

/** A per-browser key so an anonymous viewer's tabs count once. */
function viewerKey(): string {
  let key = localStorage.getItem('airwave.viewerKey');
  if (!key) {
    key = crypto.randomUUID();
    localStorage.setItem('airwave.viewerKey', key);
  }
  return key;
}

/**
 * One Socket.IO connection per tab, signed in with the current access token. When the token
 * changes (sign-in, sign-out) the socket reconnects as the new identity; an expired token is
 * refreshed and the connection retried.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const { user, token, refresh } = useAuth();
  const [socket, setSocket] = useState<AirwaveSocket | null>(null);
  const userId = user === undefined ? undefined : (user?.id ?? null);

  useEffect(() => {
    if (userId === undefined) return;
    const s: AirwaveSocket = io({
      transports: ['websocket'],
      auth: (cb) => cb({ token: token() ?? undefined, viewerKey: viewerKey() }),
    });
    s.on('connect_error', async (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'TOKEN_EXPIRED' && (await refresh())) s.connect();
    });
    // Marks let the first-frame benchmark (and anyone in DevTools) see where start-up time goes.
    s.on('connect', () => performance.mark('airwave:socket-connected'));
    setSocket(s);
    return () => {
      s.disconnect();
      setSocket(null);
    };
  }, [userId, token, refresh]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export const useSocket = () => useContext(SocketContext);

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
    // The typed emitter cannot express "any event of the map" generically; the cast stays here.
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
