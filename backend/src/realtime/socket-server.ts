import type { Server as HttpServer } from 'node:http';
import { type Principal, RefreshAuthPayload, type SessionUpdate } from '@airwave/shared';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { AuthService, RevokedTarget, RevokeReason } from '../auth/auth.service.ts';
import { corsOptions } from '../http/app.ts';
import { bearerToken } from '../http/auth.middleware.ts';
import { AppError } from '../http/errors.ts';
import type { Metrics } from '../http/metrics.ts';
import type { Logger } from '../logger.ts';
import { type AirwaveServer, type AirwaveSocket, onEvent } from './socket-handler.ts';

interface Deps {
  corsOrigins: string[];
  /** Events one connection may send per 10 s, whatever they are; chat and gifts have their own tighter rules. */
  eventsPer10s: number;
  /** With Redis, rooms, broadcasts and fetchSockets span every node (Redis Streams adapter). */
  redis?: { client: Redis; keyPrefix: string };
  auth: AuthService;
  /** How long a socket whose access token expired may stay connected to send `refresh-auth`. */
  authGraceMs: number;
  metrics: Metrics;
  logger: Logger;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** An anonymous browser's own random key (kept in its storage), so its tabs count as one viewer. */
function anonymousKey(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w-]{8,64}$/.test(value) ? value : undefined;
}

/**
 * Events that use a moderator's or streamer's powers: they are decided on the principal read from
 * the database at that moment, whatever the push of a role change did or did not reach.
 */
const PRIVILEGED_EVENTS = new Set([
  'delete-message',
  'moderate-user',
  'update-chat-settings',
  'set-moderator',
]);

const ackOf = (packet: unknown[]) => {
  const ack = packet.at(-1);
  return typeof ack === 'function' ? (ack as (reply: unknown) => void) : undefined;
};

function refusalAck(err: unknown) {
  const error = err instanceof AppError ? err : new AppError('INTERNAL', 'Something went wrong on our side.');
  return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
}

export function createSocketServer(
  httpServer: HttpServer,
  { corsOrigins, eventsPer10s, redis, auth, authGraceMs, metrics, logger }: Deps,
) {
  const io: AirwaveServer = new Server(httpServer, {
    cors: corsOptions(corsOrigins),
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    // The stream key and session keys get ioredis's key prefix; pub/sub channel names do not, so prefix them here.
    adapter: redis
      ? createAdapter(redis.client, { channelPrefix: `${redis.keyPrefix}socket.io` })
      : undefined,
  });

  // The handshake uses the same access token as REST: `auth.token`, or an `Authorization: Bearer`
  // header parsed like REST's. No token: an anonymous, read-only viewer. A bad or expired token is
  // refused (not downgraded), so the client knows to refresh.
  io.use(async (socket, next) => {
    // A recovered connection comes back with its rooms and data; keep what it had joined.
    socket.data.joined ??= [];
    try {
      const authToken: unknown = socket.handshake.auth?.token;
      const token =
        authToken === undefined || authToken === null || authToken === ''
          ? bearerToken(socket.handshake.headers.authorization)
          : authToken;
      if (token === undefined) {
        socket.data.principal = null;
        socket.data.authExpiresAt = null;
        socket.data.viewerKey = `anon:${anonymousKey(socket.handshake.auth?.viewerKey) ?? socket.id}`;
        return next();
      }
      if (typeof token !== 'string') throw new AppError('UNAUTHENTICATED', 'auth.token must be a string.');
      const { principal, expiresAt } = await auth.authenticateSession(token);
      socket.data.principal = principal;
      socket.data.authExpiresAt = expiresAt.getTime();
      socket.data.viewerKey = `user:${principal.userId}`;
      next();
    } catch (err) {
      const appError = err instanceof AppError ? err : new AppError('INTERNAL', 'Could not check the token.');
      if (!(err instanceof AppError)) logger.error({ err }, 'socket handshake failed');
      const refusal = new Error(appError.message) as Error & { data: unknown };
      refusal.data = { code: appError.code, message: appError.message };
      next(refusal);
    }
  });

  const features: Array<(socket: AirwaveSocket) => void> = [];
  // Per connection, so it needs no shared store: a flood from one socket is cut off at that socket.
  const eventBudget = new RateLimiterMemory({ points: eventsPer10s, duration: 10 });

  const sessionUpdate = (socket: AirwaveSocket, principal: Principal): SessionUpdate => ({
    user: { id: principal.userId, role: principal.role, nickname: principal.nickname },
    authExpiresAt: new Date(socket.data.authExpiresAt ?? Date.now()).toISOString(),
  });

  /** Ends a session's socket: it was revoked, or its account was banned, since the handshake. */
  function endSocket(socket: AirwaveSocket, err: unknown) {
    if (err instanceof AppError && (err.code === 'UNAUTHENTICATED' || err.code === 'ACCOUNT_BANNED')) {
      socket.emit('session-revoked', { reason: err.code === 'ACCOUNT_BANNED' ? 'banned' : 'revoked' });
      socket.disconnect(true);
      return;
    }
    logger.error({ err }, 'could not re-read a socket principal');
  }

  /** Re-reads the principal of this node's sockets of a user, and tells each client what it now is. */
  async function reloadLocalSockets(userId: string) {
    const ids = io.of('/').adapter.rooms.get(userRoom(userId)) ?? new Set<string>();
    await Promise.all(
      [...ids].map(async (id) => {
        const socket = io.of('/').sockets.get(id);
        const current = socket?.data.principal;
        if (!socket || !current) return;
        try {
          socket.data.principal = await auth.reloadPrincipal(current);
          socket.emit('session-updated', sessionUpdate(socket, socket.data.principal));
        } catch (err) {
          endSocket(socket, err);
        }
      }),
    );
  }
  io.on('principal-changed', (userId) => void reloadLocalSockets(userId));

  // The grace timer of each authenticated socket: past its token's expiry plus the grace, it is closed.
  const expiryTimers = new Map<string, NodeJS.Timeout>();
  function armExpiry(socket: AirwaveSocket) {
    clearTimeout(expiryTimers.get(socket.id));
    if (socket.data.authExpiresAt === null) return;
    const timer = setTimeout(
      () => {
        logger.info({ userId: socket.data.principal?.userId }, 'socket token expired; closing it');
        socket.disconnect(true);
      },
      Math.max(0, socket.data.authExpiresAt - Date.now() + authGraceMs),
    );
    timer.unref();
    expiryTimers.set(socket.id, timer);
  }

  io.on('connection', (socket) => {
    const principal = socket.data.principal;
    const kind = principal ? 'user' : 'anonymous';
    metrics.activeSockets.inc({ kind });
    socket.on('disconnect', () => {
      metrics.activeSockets.dec({ kind });
      clearTimeout(expiryTimers.get(socket.id));
      expiryTimers.delete(socket.id);
    });
    if (principal) socket.join([userRoom(principal.userId), sessionRoom(principal.sessionId)]);
    armExpiry(socket);
    // A socket acts only within its access token's lifetime; past it, only `refresh-auth` is heard.
    socket.use(([event, ...rest], next) => {
      const expiresAt = socket.data.authExpiresAt;
      if (expiresAt === null || expiresAt > Date.now() || event === 'refresh-auth') return next();
      ackOf(rest)?.(
        refusalAck(
          new AppError('TOKEN_EXPIRED', 'The access token of this connection expired; send refresh-auth.'),
        ),
      );
    });
    socket.use((packet, next) => {
      eventBudget.consume(socket.id).then(
        () => next(),
        (res: unknown) => {
          const ack = ackOf(packet);
          if (!(res instanceof RateLimiterRes)) return next(res as Error);
          if (!ack) return;
          const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
          ack({
            ok: false,
            error: {
              code: 'RATE_LIMITED',
              message: `Too many requests on this connection. Try again in ${retryAfterSeconds} s.`,
              details: { retryAfterSeconds },
            },
          });
        },
      );
    });
    socket.on('disconnect', () => void eventBudget.delete(socket.id));
    socket.use(([event, ...rest], next) => {
      const current = socket.data.principal;
      if (!current || !PRIVILEGED_EVENTS.has(event)) return next();
      auth.reloadPrincipal(current).then(
        (fresh) => {
          socket.data.principal = fresh;
          next();
        },
        (err: unknown) => {
          ackOf(rest)?.(refusalAck(err));
          endSocket(socket, err);
        },
      );
    });

    onEvent(socket, logger, 'whoami', z.object({}).strict(), async () => {
      const current = socket.data.principal;
      return {
        user: current ? { id: current.userId, role: current.role, nickname: current.nickname } : null,
      };
    });

    onEvent(socket, logger, 'refresh-auth', RefreshAuthPayload, async ({ token }) => {
      const current = socket.data.principal;
      if (!current) throw new AppError('FORBIDDEN', 'Reconnect with a token to sign in on this connection.');
      const fresh = await auth.authenticateSession(token);
      if (fresh.principal.userId !== current.userId) {
        throw new AppError('FORBIDDEN', 'The token belongs to another account; reconnect to switch.');
      }
      if (fresh.principal.sessionId !== current.sessionId) {
        socket.leave(sessionRoom(current.sessionId));
        socket.join(sessionRoom(fresh.principal.sessionId));
      }
      socket.data.principal = fresh.principal;
      socket.data.authExpiresAt = fresh.expiresAt.getTime();
      armExpiry(socket);
      return sessionUpdate(socket, fresh.principal);
    });
    for (const register of features) register(socket);
  });

  /** Ends the sockets of revoked sessions on every node (the adapter carries it across). */
  function revokeSockets(target: RevokedTarget, reason: RevokeReason) {
    let scope = io.in(target.sessionId ? sessionRoom(target.sessionId) : userRoom(target.userId));
    if (target.exceptSessionId) scope = scope.except(sessionRoom(target.exceptSessionId));
    scope.emit('session-revoked', { reason });
    scope.disconnectSockets(true);
  }

  /**
   * A user's role, nickname or standing changed: their open sockets on every node act on the new
   * one at once (serverSideEmit reaches the other nodes through the adapter, not this one).
   */
  function principalChanged(userId: string) {
    // Only a cluster adapter carries it (the in-memory one has no other node and warns).
    if (redis) io.serverSideEmit('principal-changed', userId);
    void reloadLocalSockets(userId);
  }

  return {
    io,
    revokeSockets,
    principalChanged,
    /** Each feature registers its event handlers on every new socket through this. */
    addFeature(register: (socket: AirwaveSocket) => void) {
      features.push(register);
    },
  };
}
