import { existsSync } from 'node:fs';
import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_DIR = path.join(repoRoot, 'frontend/web');
export const ADMIN_DIR = path.join(repoRoot, 'frontend/admin');
/** The admin panel's Next basePath: every request under it goes to the admin app. */
export const ADMIN_BASE = '/admin';

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The slice of Next's custom-server API we use (next is the apps' dependency, not the backend's). */
type NextFactory = (options: { dev: boolean; dir: string; hostname: string; port: number }) => {
  prepare(): Promise<void>;
  getRequestHandler(): PageHandler;
};

async function loadNextApp(
  dir: string,
  { host, port }: { host: string; port: number },
  logger: Logger,
): Promise<PageHandler | undefined> {
  if (!existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    logger.warn('the web app is not built (npm run build); serving the API only');
    return undefined;
  }
  const require = createRequire(path.join(dir, 'package.json'));
  const next = require('next') as NextFactory;
  const app = next({ dev: false, dir, hostname: host, port });
  await app.prepare();
  return app.getRequestHandler();
}

/**
 * The admin panel runs in a worker thread of its own, on a loopback port: two Next.js servers in one
 * JavaScript realm share globals (patched fetch, module registries) and the second one's pages can
 * break the first's. A worker has its own realm; this process proxies /admin requests to it.
 */
const ADMIN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');
const next = createRequire(path.join(workerData.dir, 'package.json'))('next');
const app = next({ dev: false, dir: workerData.dir, hostname: '127.0.0.1', port: 0 });
app.prepare().then(() => {
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => handle(req, res));
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
}, (err) => parentPort.postMessage({ error: String((err && err.stack) || err) }));
`;

async function loadAdminApp(logger: Logger): Promise<PageHandler | undefined> {
  if (!existsSync(path.join(ADMIN_DIR, '.next', 'BUILD_ID'))) {
    logger.warn('the admin panel is not built (npm run build); not serving /admin');
    return undefined;
  }
  const worker = new Worker(ADMIN_WORKER, { eval: true, workerData: { dir: ADMIN_DIR } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port?: number; error?: string }) =>
      m.port ? resolve(m.port) : reject(new Error(`admin panel failed to start: ${m.error}`)),
    );
    worker.once('error', reject);
  });
  worker.unref();
  return (req, res) =>
    new Promise<void>((resolve) => {
      const upstream = request(
        { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on('end', resolve);
          up.on('error', resolve);
        },
      );
      upstream.on('error', (err) => {
        logger.error({ err }, 'admin panel proxy failed');
        if (!res.headersSent) res.statusCode = 502;
        res.end();
        resolve();
      });
      req.pipe(upstream);
    });
}

const isAdminPath = (url = '/') =>
  url === ADMIN_BASE || url.startsWith(`${ADMIN_BASE}/`) || url.startsWith(`${ADMIN_BASE}?`);

/**
 * The production builds of the Next.js web app and admin panel, served by this same process so
 * `npm start` gives one origin for pages, API and sockets: paths under /admin go to the admin panel,
 * everything else to the web app. Returns undefined (API-only) when neither has been built.
 */
export async function loadWebApp(
  options: { host: string; port: number },
  logger: Logger,
): Promise<PageHandler | undefined> {
  const web = await loadNextApp(WEB_DIR, options, logger);
  const admin = await loadAdminApp(logger);
  if (!web && !admin) return undefined;
  return async (req, res) => {
    const handler = isAdminPath(req.url) ? admin : web;
    if (handler) return handler(req, res);
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('Not built. Run npm run build.');
  };
}
