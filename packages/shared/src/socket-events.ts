import type { AckCallback } from './ack.ts';
import type { Role } from './users.ts';

/** A signed-in user as the server sees them on a request or socket (role read fresh from the database). */
export type Principal = { userId: string; role: Role; sessionId: string; nickname: string };

export type WhoAmIResult = { user: { id: string; role: Role; nickname: string } | null };

export interface ClientToServerEvents {
  whoami: (payload: Record<string, never>, ack: AckCallback<WhoAmIResult>) => void;
}

export interface ServerToClientEvents {
  /** The server ended this session (logout elsewhere, ban, password change). Do not reconnect with it. */
  'session-revoked': (payload: { reason: 'logout' | 'banned' | 'password-changed' | 'revoked' }) => void;
}

// biome-ignore lint/suspicious/noEmptyInterface: filled by later features (cross-node messages)
export interface InterServerEvents {}

export interface SocketData {
  /** null for an anonymous, read-only viewer. */
  principal: Principal | null;
}
