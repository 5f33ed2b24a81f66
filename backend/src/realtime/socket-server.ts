import type { Server as HttpServer } from 'node:http';
import type { ClientEventName, Principal, SessionUpdate } from '@airwave/shared';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { AuthService, RevokedTarget, RevokeReason } from '../auth/auth.service.ts';
import type { Config } from '../config.ts';
import { AppError, asAppError } from '../core/app-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { corsOptions } from '../http/app.ts';
import { bearerToken } from '../http/auth.middleware.ts';
import type { Metrics } from '../http/metrics.ts';
import type { Logger } from '../logger.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import { createClientAddress } from './client-address.ts';
import { createConnectionCounter, eventCost } from './client-budgets.ts';
import { spendOnConnection } from './connection-budget.ts';
import {
  type AirwaveServer,
  type AirwaveSocket,
  answerEvent,
  type EventHandler,
  type EventHandlers,
} from './socket-handler.ts';
import { createViewerKeys } from './viewer-keys.ts';

interface Deps {
  corsOrigins: string[];
  trustProxy: Config['trustProxy'];
  /** Per connection, per client IP and per user; chat and gifts have their own tighter rules on top. */
  limits: Pick<
    Config['rateLimits'],
    | 'socketEventsPer10s'
    | 'socketPointsPerIp'
    | 'socketPointsPerUser'
    | 'socketHandshakesPerIp'
    | 'socketConnectionsPerIp'
    | 'socketConnectionsPerUser'
  >;
  /** Shared across nodes with Redis, so a client cannot multiply its budget by spreading over nodes. */
  limiterFactory: LimiterFactory;
  /** Signs the anonymous viewer keys the server hands out (a key is derived from it). */
  viewerKeySecret: string;
  /** With Redis, rooms, broadcasts and fetchSockets span every node (Redis Streams adapter). */
  redis?: { client: Redis; keyPrefix: string };
  auth: AuthService;
  /** How long a socket whose access token expired may stay connected to send `refresh-auth`. */
  authGraceMs: number;
  metrics: Metrics;
  logger: Logger;
  /** Revoked sessions and changed principals arrive here, from whichever feature caused them. */
  bus: Pick<EventBus, 'on'>;
}

/** How long a dropped connection's rooms and missed broadcasts are kept for it to recover them. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;
/** The largest frame a client may send; a bigger one closes the connection. */
export const MAX_FRAME_BYTES = 64 * 1024;

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** A refusal the client sees as `connect_error` with `data: { code, message, details }`. */
function refusal(appError: AppError): Error & { data: unknown } {
  const err = new Error(appError.message) as Error & { data: unknown };
  err.data = { code: appError.code, message: appError.message, details: appError.details };
  return err;
}

/**
 * A browser page may open a socket only from an allowed origin, on either transport (CORS alone
 * does not stop a WebSocket, and a polling handshake is processed before CORS is read). The
 * server's own host is always allowed (the web app it serves), and a request without an Origin is
 * not a browser page: native apps and servers may connect as they can with REST.
 */
export function originAllowed(corsOrigins: string[], origin: string | undefined, host: string | undefined) {
  if (origin === undefined || corsOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
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

const RefusedAck = z.object({ ok: z.literal(false), error: z.object({ code: z.string() }) });

/** Counts an ack that refuses (`ok: false`) by its error code, then answers as it would have. */
function countRefusal(ack: (reply: unknown) => void, refusals: Metrics['business']['socketRefusals']) {
  return (reply: unknown) => {
    const refused = RefusedAck.safeParse(reply);
    if (refused.success) refusals.inc({ code: refused.data.error.code });
    ack(reply);
  };
}

function refusalAck(err: unknown) {
  const error = asAppError(err) ?? new AppError('INTERNAL', 'Something went wrong on our side.');
  return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
}

export function createSocketServer(
  httpServer: HttpServer,
  {
    corsOrigins,
    trustProxy,
    limits,
    limiterFactory,
    viewerKeySecret,
    redis,
    auth,
    authGraceMs,
    metrics,
    logger,
    bus,
  }: Deps,
) {
  const clientAddress = createClientAddress(trustProxy);
  const viewerKeys = createViewerKeys(viewerKeySecret);
  const handshakesPerIp = limiterFactory('socket-handshake-ip', limits.socketHandshakesPerIp);
  const pointsPerIp = limiterFactory('socket-points-ip', limits.socketPointsPerIp);
  const pointsPerUser = limiterFactory('socket-points-user', limits.socketPointsPerUser);
  const connectionsPerIp = createConnectionCounter(limits.socketConnectionsPerIp);
  const connectionsPerUser = createConnectionCounter(limits.socketConnectionsPerUser);
  /** Keys minted in the handshake, sent to their socket once it is connected. */
  const issuedKeys = new WeakMap<AirwaveSocket, string>();

  const io: AirwaveServer = new Server(httpServer, {
    cors: corsOptions(corsOrigins),
    allowRequest: (req, callback) => {
      const allowed = originAllowed(corsOrigins, req.headers.origin, req.headers.host);
      callback(allowed ? null : 'This origin may not open a connection.', allowed);
    },
    maxHttpBufferSize: MAX_FRAME_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    // The stream key and session keys get ioredis's key prefix; pub/sub channel names do not, so prefix them here.
    adapter: redis
      ? createAdapter(redis.client, { channelPrefix: `${redis.keyPrefix}socket.io` })
      : undefined,
  });

  /** Who is connecting: the principal (or none), the viewer key, and the client address. */
  async function identify(socket: AirwaveSocket) {
    socket.data.ip = clientAddress(socket.request);
    await handshakesPerIp.consume(socket.data.ip);
    // The same access token as REST: `auth.token`, or an `Authorization: Bearer` header parsed like REST's.
    const authToken: unknown = socket.handshake.auth?.token;
    const token =
      authToken === undefined || authToken === null || authToken === ''
        ? bearerToken(socket.handshake.headers.authorization)
        : authToken;
    if (token === undefined) {
      socket.data.principal = null;
      socket.data.authExpiresAt = null;
      // Only a key this server signed is taken; anything else gets a fresh one, so a client cannot
      // count as many viewers by making keys up (it would have to connect for each, within budget).
      const id = viewerKeys.verify(socket.handshake.auth?.viewerKey);
      if (id) {
        socket.data.viewerKey = `anon:${id}`;
      } else {
        const issued = viewerKeys.issue();
        socket.data.viewerKey = `anon:${issued.id}`;
        issuedKeys.set(socket, issued.token);
      }
      return;
    }
    // A bad or expired token is refused (not downgraded), so the client knows to refresh.
    if (typeof token !== 'string') throw new AppError('UNAUTHENTICATED', 'auth.token must be a string.');
    const { principal, expiresAt } = await auth.authenticateSession(token);
    socket.data.principal = principal;
    socket.data.authExpiresAt = expiresAt.getTime();
    socket.data.viewerKey = `user:${principal.userId}`;
  }

  /** Takes a connection slot for the client's address and user, released when the connection closes. */
  function takeSlots(socket: AirwaveSocket) {
    const tooMany = (who: string) =>
      new AppError('RATE_LIMITED', `Too many open connections from this ${who}. Close some and retry.`, {
        retryAfterSeconds: 10,
      });
    const releaseIp = connectionsPerIp.take(socket.data.ip);
    if (!releaseIp) throw tooMany('address');
    const userId = socket.data.principal?.userId;
    const releaseUser = userId ? connectionsPerUser.take(userId) : () => {};
    if (!releaseUser) {
      releaseIp();
      throw tooMany('account');
    }
    const release = () => {
      releaseIp();
      releaseUser();
    };
    // The transport closing is the one event that always comes, whether the socket ever connected or not.
    socket.conn.once('close', release);
    socket.once('disconnect', release);
  }

  // The handshake uses the same access token as REST. No token: an anonymous, read-only viewer.
  io.use(async (socket, next) => {
    // A recovered connection comes back with its rooms and data; keep what it had joined.
    socket.data.joined ??= [];
    try {
      await identify(socket);
      takeSlots(socket);
      next();
    } catch (err) {
      const known = asAppError(err);
      if (!known) logger.error({ err }, 'socket handshake failed');
      const appError = known ?? new AppError('INTERNAL', 'Could not check the token.');
      next(refusal(appError));
    }
  });

  /** Every feature's client events, one table for the server (a connection holds no handler of its own). */
  const handlers: EventHandlers = {};
  const departures: Array<(socket: AirwaveSocket) => void> = [];

  /** Spends an event's points on the connection, then on its address and user (shared across nodes). */
  async function spend(socket: AirwaveSocket, event: unknown) {
    spendOnConnection(socket.data, limits.socketEventsPer10s, Date.now());
    const cost = eventCost(event);
    const userId = socket.data.principal?.userId;
    await Promise.all([
      pointsPerIp.consume(socket.data.ip, cost),
      userId ? pointsPerUser.consume(userId, cost) : undefined,
    ]);
  }

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
  // From the other nodes (serverSideEmit does not come back to the node that sent it).
  io.on('principal-changed', (userId) => {
    auth.forgetPrincipal(userId);
    void reloadLocalSockets(userId);
  });
  io.on('sessions-revoked', (userId) => auth.forgetPrincipal(userId));

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

  handlers.whoami = async (socket) => {
    const current = socket.data.principal;
    return {
      user: current ? { id: current.userId, role: current.role, nickname: current.nickname } : null,
    };
  };

  handlers['refresh-auth'] = async (socket, { token }) => {
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
  };

  /** A privileged event acts on the principal as the database has it now (see PRIVILEGED_EVENTS). */
  async function freshPrincipal(socket: AirwaveSocket, event: unknown): Promise<void> {
    const current = socket.data.principal;
    if (!current || !PRIVILEGED_EVENTS.has(event as string)) return;
    try {
      socket.data.principal = await auth.reloadPrincipal(current);
    } catch (err) {
      endSocket(socket, err);
      throw asAppError(err) ?? new AppError('INTERNAL', 'Something went wrong on our side.');
    }
  }

  /**
   * Every packet a connection sends, in order: the refusal counter wraps its ack; past the token's
   * lifetime only `refresh-auth` is heard; the event's points are spent; a privileged event re-reads
   * the principal; then the event's handler answers. One function for the whole server.
   */
  function receive(socket: AirwaveSocket, packet: unknown[], next: (err?: Error) => void) {
    const [event, payload] = packet;
    let ack = ackOf(packet);
    if (ack) {
      ack = countRefusal(ack, metrics.business.socketRefusals);
      packet[packet.length - 1] = ack;
    }
    const expiresAt = socket.data.authExpiresAt;
    if (expiresAt !== null && expiresAt <= Date.now() && event !== 'refresh-auth') {
      ack?.(
        refusalAck(
          new AppError('TOKEN_EXPIRED', 'The access token of this connection expired; send refresh-auth.'),
        ),
      );
      return;
    }
    const handle = typeof event === 'string' ? handlers[event as ClientEventName] : undefined;
    spend(socket, event)
      .then(() => freshPrincipal(socket, event))
      .then(
        () => {
          // An event no feature declared goes on to Socket.IO's own listeners (there are none: it is dropped).
          if (!handle) return next();
          void answerEvent(
            socket,
            logger,
            event as ClientEventName,
            handle as EventHandler<ClientEventName>,
            payload,
            ack,
          );
        },
        (err: unknown) => {
          if (!(err instanceof AppError)) return next(err instanceof Error ? err : new Error(String(err)));
          ack?.(refusalAck(err));
        },
      );
  }

  /** A connection closed: shared by every socket (the emitter calls it with the socket as `this`). */
  function departed(this: AirwaveSocket) {
    metrics.activeSockets.dec({ kind: this.data.principal ? 'user' : 'anonymous' });
    clearTimeout(expiryTimers.get(this.id));
    expiryTimers.delete(this.id);
    for (const depart of departures) depart(this);
  }

  io.on('connection', (socket) => {
    const principal = socket.data.principal;
    metrics.activeSockets.inc({ kind: principal ? 'user' : 'anonymous' });
    socket.on('disconnect', departed);
    if (principal) socket.join([userRoom(principal.userId), sessionRoom(principal.sessionId)]);
    armExpiry(socket);
    const issued = issuedKeys.get(socket);
    if (issued) socket.emit('viewer-key', { viewerKey: issued });
    socket.use((packet, next) => receive(socket, packet, next));
  });

  /**
   * Ends revoked sessions on every node (the adapter carries it across): each node forgets the
   * user's cached principals, so REST refuses the token at once too, and the sessions' sockets close.
   */
  function revokeSockets(target: RevokedTarget, reason: RevokeReason) {
    auth.forgetPrincipal(target.userId);
    if (redis) io.serverSideEmit('sessions-revoked', target.userId);
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
    auth.forgetPrincipal(userId);
    if (redis) io.serverSideEmit('principal-changed', userId);
    void reloadLocalSockets(userId);
  }

  bus.on('session.revoked', ({ target, reason }) => revokeSockets(target, reason));
  bus.on('principal.changed', ({ userId }) => principalChanged(userId));

  return {
    io,
    /** A feature's client events, added to the server's one table (an event has one handler). */
    addEvents(more: EventHandlers) {
      for (const event of Object.keys(more) as ClientEventName[]) {
        if (handlers[event]) throw new Error(`two handlers for the socket event ${event}`);
      }
      Object.assign(handlers, more);
    },
    /** Called for each closed connection, after it left its rooms. */
    onDeparture(depart: (socket: AirwaveSocket) => void) {
      departures.push(depart);
    },
    handledEvents: () => Object.keys(handlers),
  };
}
