import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { AuthService, RevokedTarget, RevokeReason } from '../auth/auth.service.ts';
import { corsOptions } from '../http/app.ts';
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
  metrics: Metrics;
  logger: Logger;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** An anonymous browser's own random key (kept in its storage), so its tabs count as one viewer. */
function anonymousKey(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w-]{8,64}$/.test(value) ? value : undefined;
}

export function createSocketServer(
  httpServer: HttpServer,
  { corsOrigins, eventsPer10s, redis, auth, metrics, logger }: Deps,
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

  // The handshake uses the same access token as REST. No token: an anonymous, read-only viewer.
  // A bad or expired token is refused (not downgraded), so the client knows to refresh.
  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    // A recovered connection comes back with its rooms and data; keep what it had joined.
    socket.data.joined ??= [];
    if (token === undefined || token === null || token === '') {
      socket.data.principal = null;
      socket.data.viewerKey = `anon:${anonymousKey(socket.handshake.auth?.viewerKey) ?? socket.id}`;
      return next();
    }
    try {
      if (typeof token !== 'string') throw new AppError('UNAUTHENTICATED', 'auth.token must be a string.');
      const principal = await auth.authenticate(token);
      socket.data.principal = principal;
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

  io.on('connection', (socket) => {
    const principal = socket.data.principal;
    const kind = principal ? 'user' : 'anonymous';
    metrics.activeSockets.inc({ kind });
    socket.on('disconnect', () => metrics.activeSockets.dec({ kind }));
    if (principal) socket.join([userRoom(principal.userId), sessionRoom(principal.sessionId)]);
    socket.use((packet, next) => {
      eventBudget.consume(socket.id).then(
        () => next(),
        (res: unknown) => {
          const ack = packet.at(-1);
          if (!(res instanceof RateLimiterRes)) return next(res as Error);
          if (typeof ack !== 'function') return;
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

    onEvent(socket, logger, 'whoami', z.object({}).strict(), async () => ({
      user: principal ? { id: principal.userId, role: principal.role, nickname: principal.nickname } : null,
    }));
    for (const register of features) register(socket);
  });

  /** Ends the sockets of revoked sessions on every node (the adapter carries it across). */
  function revokeSockets(target: RevokedTarget, reason: RevokeReason) {
    let scope = io.in(target.sessionId ? sessionRoom(target.sessionId) : userRoom(target.userId));
    if (target.exceptSessionId) scope = scope.except(sessionRoom(target.exceptSessionId));
    scope.emit('session-revoked', { reason });
    scope.disconnectSockets(true);
  }

  return {
    io,
    revokeSockets,
    /** Each feature registers its event handlers on every new socket through this. */
    addFeature(register: (socket: AirwaveSocket) => void) {
      features.push(register);
    },
  };
}
