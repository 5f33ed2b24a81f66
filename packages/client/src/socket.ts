import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import type { Socket } from 'socket.io-client';

export type AirwaveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

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

/** When a JWT's `exp` says it expires (ms), read without verifying: only to know when to refresh. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''));
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Keeps an open socket's authority in step with the session: the server stops honouring a socket
 * past its access token's expiry, so shortly before that the freshest token (refreshed if needed)
 * is handed over with `refresh-auth`, without reconnecting. A socket the server closed for an
 * expired token reconnects (the handshake refreshes); one whose session was revoked does not.
 * `onSessionUpdated` hears the server's word that the account changed (role, nickname).
 */
export function keepSocketAuthorized(
  socket: AirwaveSocket,
  session: { token(): string | null; refresh(): Promise<string | null>; onSessionUpdated?(): void },
  leadMs = 30_000,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let revoked = false;
  const schedule = (expiresAt: number | null) => {
    clearTimeout(timer);
    if (expiresAt !== null) timer = setTimeout(reauthorize, Math.max(0, expiresAt - leadMs - Date.now()));
  };
  async function reauthorize() {
    let token = socket.connected ? session.token() : null;
    const expiresAt = token ? tokenExpiry(token) : null;
    if (token && (expiresAt === null || expiresAt - leadMs <= Date.now())) token = await session.refresh();
    if (!token || !socket.connected) return;
    const res = await emitWithAck(socket, 'refresh-auth', { token });
    schedule(res.ok ? Date.parse(res.authExpiresAt) : null);
  }
  socket.on('connect', () => {
    const token = session.token();
    schedule(token ? tokenExpiry(token) : null);
  });
  socket.on('session-revoked', () => {
    revoked = true;
  });
  socket.on('session-updated', () => session.onSessionUpdated?.());
  socket.on('disconnect', (reason) => {
    clearTimeout(timer);
    if (reason === 'io server disconnect' && !revoked) socket.connect();
  });
  return () => clearTimeout(timer);
}
