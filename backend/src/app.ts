import { createServer, type Server as HttpServer } from 'node:http';
import type { Express } from 'express';
import { createAdminFeature } from './admin/admin.feature.ts';
import { createAuthFeature } from './auth/auth.feature.ts';
import { createBlocksFeature } from './blocks/blocks.feature.ts';
import { createChatFeature } from './chat/chat.feature.ts';
import type { Config } from './config.ts';
import { createEventBus } from './core/event-bus.ts';
import type { Feature } from './core/feature.ts';
import type { Database } from './db/client.ts';
import { seedDemoData } from './demo/demo-data.ts';
import { createFollowsFeature } from './follows/follows.feature.ts';
import { createGiftsFeature } from './gifts/gifts.feature.ts';
import { createHttpApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { createLedgerFeature } from './ledger/ledger.feature.ts';
import { createLimitsFeature } from './limits/limits.feature.ts';
import type { Logger } from './logger.ts';
import { createPaymentsFeature } from './payments/payments.feature.ts';
import { createPayoutsFeature } from './payouts/payouts.feature.ts';
import { createBusinessEvents } from './platform/business-events.ts';
import { flushErrorReports, initErrorReporting } from './platform/error-reporting.ts';
import { createLimiterFactory } from './platform/rate-limit.ts';
import { connectRedis, type RedisConnections } from './platform/redis.ts';
import type { AirwaveServer } from './realtime/socket-handler.ts';
import { createSocketServer } from './realtime/socket-server.ts';
import { createRoomsFeature } from './rooms/rooms.feature.ts';
import { createRtcFeature } from './rtc/rtc.feature.ts';
import { createStatementsFeature } from './statements/statements.feature.ts';
import { createStreamsFeature } from './streams/streams.feature.ts';
import type { StreamsRepository } from './streams/streams.repository.ts';
import { createUsersFeature } from './users/users.feature.ts';
import { createUsersRepository } from './users/users.repository.ts';
import { createUsersService } from './users/users.service.ts';
import { createWalletFeature } from './wallet/wallet.feature.ts';
import type { PageHandler } from './web/web-apps.ts';

export interface Airwave {
  httpServer: HttpServer;
  /** The Express app and the Socket.IO server, for tests that enumerate every route and event. */
  app: Express;
  io: AirwaveServer;
  /** The client events the socket server answers (one table for every connection), for the same tests. */
  socketEvents(): string[];
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
  streamsRepo: StreamsRepository,
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
 * Wires every feature onto one HTTP server: core deps (database, Redis, metrics, limiter, bus) →
 * features in dependency order → HTTP app from their routes → socket server → their socket parts.
 * Features talk through the bus, never through each other's late-bound callbacks.
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
  const limiterFactory = createLimiterFactory(redis?.limits);
  const bus = createEventBus((err, event) => logger.error({ err, event }, 'event listener failed'));

  // The users service comes first: auth's `/auth/me` reads it, and the users routes need auth.
  const usersRepo = createUsersRepository(db);
  const users = createUsersService(usersRepo, bus);
  const auth = createAuthFeature({ db, config, bus, metrics, limiterFactory, usersRepo, users });
  const streams = createStreamsFeature({ db, config, bus });
  const blocks = createBlocksFeature({ db, usersRepo, limiterFactory });
  const chat = createChatFeature({ db, config, streams: streams.streams, limiterFactory, events });
  const gifts = createGiftsFeature({
    db,
    economy: config.economy,
    bus,
    streams: streams.streams,
    blocks: blocks.blocks,
    limiterFactory,
    logger,
    events,
  });
  const limits = await createLimitsFeature({ db, config });
  const statements = createStatementsFeature({ db });
  // Payouts before payments: the payments webhook hands payouts' events (transfer.reversed) over.
  const payouts = createPayoutsFeature({ db, config, bus, events, logger });
  const payments = createPaymentsFeature({
    db,
    config,
    logger,
    bus,
    events,
    limits: limits.limits,
    delegate: payouts.platformEvents,
  });
  const usersFeature = createUsersFeature({ users, auth: auth.auth });
  const follows = createFollowsFeature({ db, limiterFactory });
  const wallet = createWalletFeature({ db, economy: config.economy, bus, logger });
  const rtc = createRtcFeature({ config, bus, streams: streams.streams, limiterFactory, redis, logger });
  const ledger = createLedgerFeature({ db, config, logger });
  const admin = createAdminFeature({
    db,
    sessions: auth.sessions,
    bus,
    streams: streams.streams,
    gifts: gifts.gifts,
    payments: payments.payments,
  });
  const features: Feature[] = [
    auth,
    usersFeature,
    follows,
    blocks,
    streams,
    chat,
    gifts,
    wallet,
    payouts,
    limits,
    statements,
    payments,
    // Before rtc: a room hears `stream-ended` before the stream's media is torn down.
    createRoomsFeature({
      bus,
      streams: streams.streams,
      streamsRepo: streams.repo,
      chat: chat.chat,
      logger,
      config: config.rooms,
    }),
    rtc,
    admin,
    ledger,
  ];
  observeState(metrics, streams.repo, database);

  if (config.admin) await auth.auth.ensureAccount({ ...config.admin, role: 'admin' });
  if (config.demoData) await seedDemoData({ db, auth: auth.auth, users: usersRepo, logger });

  const app = createHttpApp({
    config,
    logger,
    metrics,
    ping: database.ping,
    pages: options.pages,
    mw: auth.mw,
    // Spread from the features themselves (not the list above), so the compiler checks that every
    // route of the table has its handler.
    api: {
      ...auth.routes,
      ...usersFeature.routes,
      ...follows.routes,
      ...blocks.routes,
      ...streams.routes,
      ...gifts.routes,
      ...wallet.routes,
      ...payouts.routes,
      ...payments.routes,
      ...limits.routes,
      ...statements.routes,
      ...rtc.routes,
      ...admin.routes,
      ...ledger.routes,
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
    auth: auth.auth,
    authGraceMs: config.auth.socketGraceMs,
    metrics,
    logger,
    bus,
  });
  for (const feature of features) feature.registerSocket?.(sockets);

  return {
    httpServer,
    app,
    io: sockets.io,
    socketEvents: sockets.handledEvents,
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
      for (const feature of features) feature.stop?.();
      // io.close() also closes the HTTP server; sockets get a clean disconnect first.
      await new Promise<void>((resolve) => sockets.io.close(() => resolve()));
      httpServer.closeAllConnections();
      for (const feature of features) await feature.close?.();
      await redis?.quit();
      await database.close();
      await flushErrorReports();
    },
  };
}
