import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import { io, type Socket } from 'socket.io-client';
import { type Database, openDatabase } from '../../backend/src/db/client.ts';
import { TEST_REDIS_URL } from '../../backend/src/test/redis-available.ts';
import { createScratchDatabase, postgresTarget } from '../../backend/src/test/test-database.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const PM2 = path.join(root, 'node_modules/pm2/bin/pm2');
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const SERVER_ENTRY = path.join(root, 'backend/dist/server.js');

/** Prints what a fault test did and saw, so the CI log tells the story. */
export const say = (line: string) => console.log(`[stack] ${line}`);

/** Two ports next to each other (PM2's increment_var gives instance i the port base + i). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (await portFree(base + 1)) return base;
  }
}
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * deploy/nginx/airwave.conf as a person installs it, with this run's ports and paths in place of
 * the standard ones: the file under test stays the one that ships.
 */
export function renderNginxSite(
  site: string,
  o: { httpPort: number; httpsPort: number; apiPorts: number[]; cert: string; key: string; acmeRoot: string },
) {
  const servers = o.apiPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n');
  const rendered = site
    .replace(/( {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/, `${servers}\n`)
    .replace(/ +listen \[::\]:\d+[^;]*;\n/g, '')
    .replace('listen 80;', `listen 127.0.0.1:${o.httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${o.httpsPort} ssl http2;`)
    .replace(/\/etc\/letsencrypt\/live\/airwave\.example\.com\/fullchain\.pem/, o.cert)
    .replace(/\/etc\/letsencrypt\/live\/airwave\.example\.com\/privkey\.pem/, o.key)
    .replaceAll('/var/www/letsencrypt', o.acmeRoot);
  for (const must of [`${o.httpsPort} ssl http2`, o.cert, o.key, `127.0.0.1:${o.apiPorts[0]}`]) {
    if (!rendered.includes(must)) throw new Error(`nginx site did not render ${must}`);
  }
  return rendered;
}

export interface StackOptions {
  /** Settings for the API instances on top of the production defaults below. */
  env?: Record<string, string>;
}

/**
 * The production stack on loopback: the compiled build under PM2 (2 instances, a private PM2_HOME),
 * a fresh database on the machine's PostgreSQL, the machine's Redis under a unique key prefix, and
 * Debian's nginx in front with a self-signed certificate, as a foreground child with its own paths.
 */
export async function startStack(options: StackOptions = {}) {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'airwave-stack-'));
  // nginx workers may run as another user than the master (root): they write their temp files here.
  chmodSync(dir, 0o755);
  const pm2Home = path.join(dir, 'pm2');
  const logs = path.join(dir, 'logs');
  const acmeRoot = path.join(dir, 'acme');
  for (const d of [pm2Home, logs, path.join(acmeRoot, '.well-known/acme-challenge')])
    mkdirSync(d, { recursive: true });
  const nginxTemp = path.join(dir, 'nginx-temp');
  mkdirSync(nginxTemp, { mode: 0o777 });
  chmodSync(nginxTemp, 0o777);

  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  chmodSync(key, 0o644);
  const ca = readFileSync(cert, 'utf8');

  const database = await createScratchDatabase();
  const basePort = await freePortPair();
  const apiPorts = [basePort, basePort + 1];
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const publicUrl = `https://127.0.0.1:${httpsPort}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    PM2_HOME: pm2Home,
    AIRWAVE_INSTANCES: '2',
    AIRWAVE_BASE_PORT: String(basePort),
    AIRWAVE_LOG_DIR: logs,
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `airwave-stack-${randomBytes(4).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PUBLIC_URL: publicUrl,
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '8000',
    // Every test client comes from 127.0.0.1: lift the per-address budgets meant for the internet.
    REGISTER_LIMIT_PER_IP: '1000',
    LOGIN_LIMIT_PER_IP: '1000',
    CHAT_RATE_POINTS: '200',
    GIFT_RATE_POINTS: '1000',
    SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: '100000',
    SOCKET_POINTS_PER_IP_10S: '1000000',
    SOCKET_POINTS_PER_USER_10S: '1000000',
    SOCKET_EVENTS_PER_10S: '100000',
    VIEWER_COUNT_INTERVAL_MS: '100',
    STUN_URLS: '',
    // The stack under test is nginx → PM2 → Node; the media server has suites of its own.
    MEDIA_MODE: 'p2p',
    ...options.env,
  };

  // Migrations once, as a deploy does, before the instances start.
  await run(process.execPath, [path.join(root, 'backend/dist/db/migrate.cli.js')], { env, cwd: root });
  // A reload waits for each new instance to be ready, which takes half a minute on a saturated CI machine.
  const pm2 = (...args: string[]) =>
    run(process.execPath, [PM2, ...args], { env, cwd: root, timeout: 250_000 });
  await pm2('start', path.join(root, 'deploy/ecosystem.config.cjs'), '--env', 'production');

  const site = renderNginxSite(readFileSync(path.join(root, 'deploy/nginx/airwave.conf'), 'utf8'), {
    httpPort,
    httpsPort,
    apiPorts,
    cert,
    key,
    acmeRoot,
  });
  writeFileSync(path.join(dir, 'airwave.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(nginxTemp, name)};`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(logs, 'nginx-error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      `  access_log ${path.join(logs, 'nginx-access.log')};`,
      `  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`,
      `  include ${path.join(dir, 'airwave.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const nginx: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const agent = new Agent({ ca, keepAlive: true, maxSockets: 64 });
  const stack = {
    dir,
    publicUrl,
    httpPort,
    apiPorts,
    ca,
    cert,
    agent,
    logs,
    /** A REST call through Nginx over HTTPS (keep-alive, trusting the test's certificate). */
    api: <T = unknown>(method: string, url: string, body?: unknown, token?: string) =>
      httpsJson<T>(agent, `${publicUrl}${url}`, method, body, token),
    pm2,
    /** PM2's view of the instances: name, pid, PORT, status, restarts. */
    async instances() {
      const { stdout } = await pm2('jlist');
      const list = JSON.parse(stdout) as Array<{
        pid: number;
        pm2_env: { status: string; restart_time: number; PORT?: number | string; env?: { PORT?: string } };
      }>;
      return list.map((p) => ({
        pid: p.pid,
        port: Number(p.pm2_env.PORT ?? p.pm2_env.env?.PORT),
        status: p.pm2_env.status,
        restarts: p.pm2_env.restart_time,
      }));
    },
    /** A database handle for checks (ledger invariant, coin grants): the tests' own, not the app's. */
    database: undefined as Database | undefined,
    async stop() {
      // What nginx complained about (refused upstreams during the faults), for the CI log.
      // Refused connects are the expected cost of a restart; anything else (a reset, a timeout) is
      // what explains a failed request, so those lines are printed whole.
      const errors = readFileSync(path.join(logs, 'nginx-error.log'), 'utf8').trim().split('\n');
      const unexpected = errors.filter((line) => line && !line.includes('(111: Connection refused)'));
      say(
        `nginx error log: ${errors.length - unexpected.length} refused connects, ${unexpected.length} other lines` +
          unexpected
            .slice(-20)
            .map((line) => `\n  ${line}`)
            .join(''),
      );
      // AIRWAVE_STACK_LOGS=dir keeps nginx's and PM2's logs of a run for a closer look.
      if (process.env.AIRWAVE_STACK_LOGS) cpSync(logs, process.env.AIRWAVE_STACK_LOGS, { recursive: true });
      await pm2('kill').catch((err: unknown) => say(`pm2 kill failed: ${String(err)}`));
      nginx.kill('SIGTERM');
      agent.destroy();
      await stack.database?.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  stack.database = await openDatabase(postgresTarget(database.url, 2));

  // Both instances answer directly, and Nginx answers over HTTPS in front of them.
  await waitFor(
    async () => {
      const states = await stack.instances();
      return states.length === 2 && states.every((s) => s.status === 'online');
    },
    60_000,
    'both PM2 instances online',
  );
  await waitFor(
    async () => (await stack.api('GET', '/readyz').catch(() => ({ status: 0 }))).status === 200,
    30_000,
    'nginx → /readyz',
  );
  say(`up: nginx https ${publicUrl} → PM2 instances on ${apiPorts.join(', ')} (PM2_HOME ${pm2Home})`);
  return stack;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

export async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function httpsJson<T>(
  agent: Agent,
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        agent,
        timeout: 15_000,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON (an nginx error page, a redirect): keep the text.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export type StackSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A Socket.IO client through Nginx as the apps make one: it reconnects by itself (Socket.IO's own
 * backoff) and presents its token again each time.
 */
export function connectThrough(
  stack: Stack,
  auth: { token?: string } = {},
  transports: Array<'websocket' | 'polling'> = ['websocket'],
): Promise<StackSocket> {
  const socket: StackSocket = io(stack.publicUrl, {
    auth,
    transports,
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    ca: stack.ca,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** The API instance ports that Nginx currently has open connections to (who holds the sockets). */
export async function busyPorts(stack: Stack): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const port of stack.apiPorts) {
    const { stdout } = await run('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`]);
    counts.set(port, stdout.split('\n').filter(Boolean).length);
  }
  return counts;
}
