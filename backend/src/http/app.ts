import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiRoutes, apiRoutes, type platformRoutes } from '@airwave/shared';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import type { AuthMiddleware } from './auth.middleware.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import { platformHandlers } from './platform.routes.ts';
import { type Handlers, registerRoutes } from './register-routes.ts';

interface Deps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  ping: () => Promise<void>;
  /** The features' handlers of every route in the table (the platform's own are added here). */
  api: Handlers<Omit<ApiRoutes, keyof typeof platformRoutes>>;
  mw: AuthMiddleware;
  /** Server-rendered pages for every path outside /api (the Next.js web app), if built. */
  pages?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export function corsOptions(origins: string[]): cors.CorsOptions {
  return { origin: origins, credentials: true, maxAge: 600 };
}

/**
 * The pages' CSP: scripts run only with this response's nonce (and what they load, 'strict-dynamic'),
 * so injected markup cannot run script; fetches and sockets stay same-origin ('self' covers ws/wss
 * to this host); images come from here or from the origins set in CSP_IMG_ORIGINS.
 */
function cspDirectives(imgOrigins: string[], connectOrigins: string[]) {
  return {
    'script-src': [
      (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonceOf(res)}'`,
      "'strict-dynamic'",
    ],
    'connect-src': ["'self'", ...connectOrigins],
    'img-src': ["'self'", 'data:', 'blob:', ...imgOrigins],
    'media-src': ["'self'", 'blob:'],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
  };
}

function nonceOf(res: ServerResponse): string {
  const locals = (res as ServerResponse & { locals?: { cspNonce?: unknown } }).locals;
  if (typeof locals?.cspNonce !== 'string') throw new Error('the CSP nonce middleware did not run');
  return locals.cspNonce;
}

/** Compares a presented secret in constant time (both sides hashed first, so lengths leak nothing). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function createHttpApp({ config, logger, metrics, ping, api, mw, pages }: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // Method, path and status are enough to follow a request; headers would carry tokens and noise.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(metrics.httpMiddleware);
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      // The browser error reporter posts to its DSN's origin, the one place beyond 'self'.
      contentSecurityPolicy: {
        directives: cspDirectives(
          config.cspImgOrigins,
          config.sentry ? [new URL(config.sentry.browserDsn).origin] : [],
        ),
      },
      // Sent over HTTPS only (below): on plain http it means nothing, and pins a dev host to https.
      strictTransportSecurity: false,
    }),
  );
  const hsts = helmet.strictTransportSecurity();
  app.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  app.use((req, res, next) => {
    const policy = res.getHeader('content-security-policy');
    if (typeof policy === 'string') req.headers['content-security-policy'] = policy;
    next();
  });
  app.use(cors(corsOptions(config.corsOrigins)));
  const routes = registerRoutes(
    apiRoutes,
    { ...platformHandlers(config), ...api },
    { mw, logger, checkResponses: !config.production },
  );
  // Raw-body routes (the signed webhook) read their bytes before the JSON parser would take them.
  app.use('/api', metrics.markRouteBase, routes.raw);
  app.use(express.json({ limit: config.bodyLimit }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await ping();
      res.json({ status: 'ready' });
    } catch {
      res
        .status(503)
        .json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The database is not reachable.' } });
    }
  });
  app.get('/metrics', async (req, res) => {
    // Production without a token keeps /metrics closed rather than open to anyone.
    if (!config.metricsToken && config.production) {
      throw new AppError('NOT_FOUND', 'Metrics are off: set METRICS_TOKEN to enable them.');
    }
    if (config.metricsToken && !sameSecret(req.get('authorization') ?? '', `Bearer ${config.metricsToken}`)) {
      throw new AppError('UNAUTHENTICATED', 'A metrics token is required.');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/api', metrics.markRouteBase, routes.json);
  app.use('/api', notFoundHandler);
  if (pages) app.use((req, res) => pages(req, res));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
