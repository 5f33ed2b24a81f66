import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_DIR = path.join(repoRoot, 'frontend/web');

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The slice of Next's custom-server API we use (next is the web app's dependency, not the backend's). */
type NextFactory = (options: { dev: boolean; dir: string; hostname: string; port: number }) => {
  prepare(): Promise<void>;
  getRequestHandler(): PageHandler;
};

/**
 * The production build of the Next.js web app, served by this same process so `npm start` gives one
 * origin for pages, API and sockets. Returns undefined (API-only) when the app has not been built.
 */
export async function loadWebApp(
  { host, port }: { host: string; port: number },
  logger: Logger,
): Promise<PageHandler | undefined> {
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID'))) {
    logger.warn('the web app is not built (npm run build); serving the API only');
    return undefined;
  }
  const require = createRequire(path.join(WEB_DIR, 'package.json'));
  const next = require('next') as NextFactory;
  const app = next({ dev: false, dir: WEB_DIR, hostname: host, port });
  await app.prepare();
  return app.getRequestHandler();
}
