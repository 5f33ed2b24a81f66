import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import type { Express } from 'express';
import { createAdminFeature } from './admin/admin.feature.ts';
import { authHandlers } from './auth/auth.routes.ts';
import { createAuthService, type RevokedTarget, type RevokeReason } from './auth/auth.service.ts';
import { createPasswordHasher } from './auth/passwords.ts';
import { refreshCookies } from './auth/refresh-cookie.ts';
import { createSessionsRepository } from './auth/sessions.repository.ts';
import { createAccessTokens } from './auth/tokens.ts';
import { createChatRepository } from './chat/chat.repository.ts';
import { createChatService } from './chat/chat.service.ts';
import { registerChatHandlers } from './chat/chat.socket.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { seedDemoData } from './demo/demo-data.ts';
import { createGiftsFeature } from './gifts/gifts.feature.ts';
import { giftsHandlers } from './gifts/gifts.routes.ts';
import { createHttpApp } from './http/app.ts';
import { authMiddleware } from './http/auth.middleware.ts';
import { createMetrics } from './http/metrics.ts';
import type { Logger } from './logger.ts';
import { createPaymentsFeature } from './payments/payments.feature.ts';
import { createPayoutsRepository } from './payouts/payouts.repository.ts';
import { payoutsHandlers } from './payouts/payouts.routes.ts';
import { createPayoutsService } from './payouts/payouts.service.ts';
import { createBusinessEvents } from './platform/business-events.ts';
import { flushErrorReports, initErrorReporting } from './platform/error-reporting.ts';
import { createLimiterFactory } from './platform/rate-limit.ts';
import { connectRedis, type RedisConnections } from './platform/redis.ts';
import type { AirwaveServer } from './realtime/socket-handler.ts';
import { createSocketServer } from './realtime/socket-server.ts';
import { createRoomsFeature } from './rooms/rooms.feature.ts';
import { attachIceServers } from './rtc/ice-servers.socket.ts';
import { createIceServers } from './rtc/ice-servers.ts';
import { connectMediaServer, createMediaMode } from './rtc/media-modes.ts';
import { rtcHandlers } from './rtc/rtc.routes.ts';
import { attachRtc } from './rtc/rtc.socket.ts';
import { createStreamsRepository } from './streams/streams.repository.ts';
import { streamsHandlers } from './streams/streams.routes.ts';
import { createStreamsService, type StreamEvents } from './streams/streams.service.ts';
import { createUsersRepository } from './users/users.repository.ts';
import { usersHandlers } from './users/users.routes.ts';
import { createUsersService } from './users/users.service.ts';
import { createWalletRepository } from './wallet/wallet.repository.ts';
import { walletHandlers } from './wallet/wallet.routes.ts';
import { createWalletService } from './wallet/wallet.service.ts';
import { createWalletNotifier, type WalletNotifier } from './wallet/wallet-notifier.ts';
import type { PageHandler } from './web/web-apps.ts';

export interface Airwave {
  httpServer: HttpServer;
  /** The Express app and the Socket.IO server, for tests that enumerate every route and event. */
  app: Express;
  io: AirwaveServer;
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting, closes sockets, then the database and Redis. */
  close(): Promise<void>;
}

/**
 * Gauges of state read at scrape time: live streams and viewers per media mode (from the database,
 * so every node reports the same cluster-wide figure: take max() across nodes, not sum()), and the
 * pool's connections on PostgreSQL (per node: sum() them).
 */
function observeState(
  metrics: ReturnType<typeof createMetrics>,
  streamsRepo: ReturnType<typeof createStreamsRepository>,
  database: Database,
) {
  metrics.gaugeFrom('airwave_live_streams', 'Live streams by media mode', ['media_mode'], async () =>
    (await streamsRepo.liveByMode()).map((r) => ({ labels: { media_mode: r.mode }, value: r.streams })),
  );
  metrics.gaugeFrom(
    'airwave_stream_viewers',
    'Viewers of live streams by media mode',
    ['media_mode'],
    async () =>
      (await streamsRepo.liveByMode()).map((r) => ({ labels: { media_mode: r.mode }, value: r.viewers })),
  );
  // Registered on PGlite too (with no samples), so dashboards and alerts find the same families.
  const pool = database.pool;
  metrics.gaugeFrom('airwave_db_pool_connections', 'PostgreSQL pool connections by state', ['state'], () =>
    pool
      ? [
          { labels: { state: 'total' }, value: pool.totalCount },
          { labels: { state: 'idle' }, value: pool.idleCount },
          { labels: { state: 'waiting' }, value: pool.waitingCount },
        ]
      : [],
  );
}

/**
 * Wires every feature onto one HTTP server: config → database → services → HTTP app → sockets.
 * The database is opened by the caller so tests can hand in their own.
 */
export async function createAirwave(
  config: Config,
  logger: Logger,
  database: Database,
  options: { pages?: PageHandler } = {},
): Promise<Airwave> {
  initErrorReporting(config.sentry);
  await database.migrate();
  const db = database.db;
  const redis: RedisConnections | undefined = config.redisUrl
    ? connectRedis(config.redisUrl, config.redisKeyPrefix, logger)
    : undefined;
  const metrics = createMetrics();
  const events = createBusinessEvents(metrics, logger);

  // Sessions can be revoked before the socket server exists; the call is bound once it does. Bound,
  // it also drops the user's cached principals on every node (no principal is cached before then).
  let revokeSockets: (target: RevokedTarget, reason: RevokeReason) => void = () => {};
  const onSessionsRevoked = (target: RevokedTarget, reason: RevokeReason) => revokeSockets(target, reason);
  // Likewise for a changed role or nickname: the user's open sockets, on every node, re-read it.
  let principalChanged: (userId: string) => void = () => {};
  const onPrincipalChanged = (userId: string) => principalChanged(userId);

  const limiterFactory = createLimiterFactory(redis?.limits);
  const usersRepo = createUsersRepository(db);
  const sessions = createSessionsRepository(db);
  const auth = createAuthService({
    users: usersRepo,
    sessions,
    hasher: createPasswordHasher(config.auth.bcryptCost),
    accessTokens: createAccessTokens(config.auth),
    refreshTtlSeconds: config.auth.refreshTtlSeconds,
    limiterFactory,
    limits: config.rateLimits,
    passwordMinScore: config.auth.passwordMinScore,
    onSessionsRevoked,
    record: (event, outcome) => metrics.authEvents.inc({ event, outcome }),
  });
  const users = createUsersService(usersRepo, { onPrincipalChanged });
  const mw = authMiddleware(auth);

  let streamEvents: StreamEvents | undefined;
  const streamsRepo = createStreamsRepository(db);
  const streams = createStreamsService({
    repo: streamsRepo,
    mediaMode: config.media.mode === 'sfu' ? 'sfu' : 'p2p',
    thumbnailsDir: path.join(config.dataDir, 'thumbnails'),
    onPrincipalChanged,
    events: () => {
      if (!streamEvents) throw new Error('stream events used before the socket server started');
      return streamEvents;
    },
  });
  const chatRepo = createChatRepository(db);
  const chat = createChatService({
    repo: chatRepo,
    streams,
    limiterFactory,
    messageRate: config.rateLimits.chat,
    events,
  });
  const giftsFeature = createGiftsFeature({
    db,
    economy: config.economy,
    streams,
    limiterFactory,
    logger,
    events,
  });
  let notifyWallet: WalletNotifier = () => {};
  const wallet = createWalletService({ db, repo: createWalletRepository(db), economy: config.economy });
  const payouts = createPayoutsService({
    db,
    repo: createPayoutsRepository(db),
    economy: config.economy,
    notifyWallet: (userId) => notifyWallet(userId),
    events,
  });
  const iceServers = createIceServers({
    media: config.media,
    streams,
    limiterFactory,
    perIp: config.rateLimits.turnCredentialsPerIp,
  });
  const paymentsFeature = createPaymentsFeature({
    db,
    config,
    logger,
    notifyWallet: (userId) => notifyWallet(userId),
    events,
  });
  observeState(metrics, streamsRepo, database);

  const adminHandlers = createAdminFeature({
    db,
    sessions,
    onSessionsRevoked,
    onPrincipalChanged,
    streams,
    gifts: giftsFeature.gifts,
    payments: paymentsFeature.payments,
    notifyWallet: (userId) => notifyWallet(userId),
  });
  if (config.admin) await auth.ensureAccount({ ...config.admin, role: 'admin' });
  if (config.demoData) await seedDemoData({ db, auth, users: usersRepo, logger });

  const app = createHttpApp({
    config,
    logger,
    metrics,
    ping: database.ping,
    pages: options.pages,
    mw,
    api: {
      ...authHandlers(auth, users, refreshCookies([...config.corsOrigins, new URL(config.publicUrl).origin])),
      ...usersHandlers(users, auth),
      ...streamsHandlers(streams),
      ...giftsHandlers(giftsFeature.gifts),
      ...walletHandlers(wallet),
      ...payoutsHandlers(payouts),
      ...rtcHandlers(iceServers),
      ...paymentsFeature.handlers,
      ...adminHandlers,
    },
  });
  const httpServer = createServer(app);
  const sockets = createSocketServer(httpServer, {
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    limits: config.rateLimits,
    limiterFactory,
    viewerKeySecret: config.auth.jwtSecret,
    redis: redis ? { client: redis.adapter, keyPrefix: config.redisKeyPrefix } : undefined,
    auth,
    authGraceMs: config.auth.socketGraceMs,
    metrics,
    logger,
  });
  revokeSockets = sockets.revokeSockets;
  principalChanged = sockets.principalChanged;
  const rooms = createRoomsFeature({
    io: sockets.io,
    streams,
    streamsRepo,
    chat,
    logger,
    graceMs: config.rooms.graceMs,
    viewerCountIntervalMs: config.rooms.viewerCountIntervalMs,
    viewersPerIp: config.rooms.viewersPerIp,
  });
  const janus = connectMediaServer(config.media, logger, Boolean(redis));
  const { media, close: closeMedia } = createMediaMode({
    config: config.media,
    io: sockets.io,
    streams,
    janus,
    redis: redis?.limits,
    logger,
  });
  streamEvents = {
    ...rooms.events,
    ended(streamId, reason) {
      rooms.events.ended(streamId, reason);
      media.streamEnded?.(streamId);
    },
  };
  sockets.addFeature(rooms.register);
  sockets.addFeature((socket) => registerChatHandlers(socket, { io: sockets.io, chat, logger }));
  sockets.addFeature(attachRtc(sockets.io, media, logger));
  sockets.addFeature(attachIceServers(iceServers, logger));
  notifyWallet = createWalletNotifier(sockets.io, db, logger);
  const giftsRoom = giftsFeature.attach(sockets.io, notifyWallet);
  sockets.addFeature(giftsRoom.register);

  return {
    httpServer,
    app,
    io: sockets.io,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          resolve({ port, url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}` });
        });
      }),
    async close() {
      rooms.stop();
      giftsRoom.stop();
      // io.close() also closes the HTTP server; sockets get a clean disconnect first.
      await new Promise<void>((resolve) => sockets.io.close(() => resolve()));
      httpServer.closeAllConnections();
      await closeMedia();
      await janus?.close();
      await redis?.quit();
      await database.close();
      await flushErrorReports();
    },
  };
}
