import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { AppError } from './errors.ts';
import type { Metrics } from './metrics.ts';

interface Deps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  ping: () => Promise<void>;
  /** Feature routers, mounted under /api in order. */
  api: Array<[path: string, router: Router]>;
  /** Server-rendered pages for every path outside /api (the Next.js web app), if built. */
  pages?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Routers that read the raw body themselves (signed webhooks), mounted before the JSON parser. */
  rawApi?: Array<[path: string, router: Router]>;
}

export function corsOptions(origins: string[]): cors.CorsOptions {
  return { origin: origins, credentials: true, maxAge: 600 };
}

export function createHttpApp({ config, logger, metrics, ping, api, rawApi = [], pages }: Deps): Express {
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
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Next.js hydrates with inline scripts; everything else stays same-origin.
          'script-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'media-src': ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.use(cors(corsOptions(config.corsOrigins)));
  for (const [path, router] of rawApi) app.use(`/api${path}`, metrics.markRouteBase, router);
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
    if (config.metricsToken && req.get('authorization') !== `Bearer ${config.metricsToken}`) {
      throw new AppError('UNAUTHENTICATED', 'A metrics token is required.');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  for (const [path, router] of api) app.use(`/api${path}`, metrics.markRouteBase, router);
  app.use('/api', notFoundHandler);
  if (pages) app.use((req, res) => pages(req, res));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
