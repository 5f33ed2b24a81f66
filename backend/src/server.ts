import { setTimeout as sleep } from 'node:timers/promises';
import { createAirwave } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseUnreachableError, databaseTarget, openDatabase, waitForDatabase } from './db/client.ts';
import { DEMO_ACCOUNTS } from './demo/demo-data.ts';
import { createLogger } from './logger.ts';
import { loadWebApp } from './web/web-apps.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.logLevel, !config.production && process.stdout.isTTY);
const target = databaseTarget(config);
const database = await openDatabase(target);
try {
  await waitForDatabase(database, target, config.databaseStartupWaitSeconds, logger);
} catch (err) {
  // Exit non-zero with one readable line: PM2 (or systemd) restarts us, and `pm2 logs` says why.
  if (err instanceof DatabaseUnreachableError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const pages = config.serveWeb ? await loadWebApp(config, logger) : undefined;
const airwave = await createAirwave(config, logger, database, { pages });
const { url } = await airwave.listen();
// Server-rendered pages fetch the API over loopback from this same process.
process.env.AIRWAVE_INTERNAL_URL = url;
// Under PM2 (wait_ready in deploy/ecosystem.config.cjs) a reload moves on only once this one listens.
process.send?.('ready');

logger.info(
  { url, database: database.kind, redis: Boolean(config.redisUrl) },
  `Airwave is listening on ${url}`,
);
if (config.demoData) {
  console.log(`\nAirwave is running at ${url}\nDemo accounts (development only):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(24)} ${a.password}`);
  console.log('');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  timer.unref();
  try {
    // Connections the kernel has already completed wait in the listen backlog until the event loop
    // accepts them, and closing the listener resets them. Nginx cannot retry a reset POST, and a GET
    // it sent here after another instance refused it has no try left. A short pause lets the loop
    // accept them (they are answered normally); after the close, new connects are refused, which
    // Nginx always retries on the next instance.
    await sleep(100);
    await airwave.close();
    logger.info('stopped cleanly');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
