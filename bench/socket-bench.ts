/**
 * What the Socket.IO benches share: Airwave and bare servers in child processes with the bench-only
 * memory probe, their memory and event-loop figures, and the clients that talk to them.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import ts from 'typescript';
import { type Child, freePort, HOST, repoRoot, startChild, waitUntil } from './child-process.ts';

/** A bench-side TypeScript file as plain JavaScript (tsc's transpiler: no name-keeping wrappers). */
function transpiled(file: string): string {
  return ts.transpileModule(readFileSync(new URL(file, import.meta.url), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

// The probe is loaded as plain JavaScript (a data: URL), so a server can run without tsx's loader.
const probeJs = transpiled('./memory-probe.ts');
/** --expose-gc and the probe let a bench read heapUsed after a full GC over IPC (bench-only). */
export const probeFlags = {
  nodeArgs: ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(probeJs)}`],
  ipc: true,
};

let built = false;
/**
 * Builds the server as production runs it (`backend/dist`, compiled by tsc). Run from source, tsx
 * wraps every function to keep its name, which costs each per-connection closure a property store
 * that production never pays, and would inflate memory per socket.
 */
function buildServer() {
  if (built) return;
  console.error('building the server (npm run build:server)…');
  execFileSync('npm', ['run', 'build:server'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

export interface Memory {
  /** VmRSS of the child, from /proc/<pid>/status, in bytes. */
  rss: number;
  /** V8 heapUsed after a full GC, reported by the bench-only probe. */
  heapUsed: number;
}

/** Event-loop delay in the child since the last reading, in ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

function vmRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for pid ${pid}`);
  return kb * 1024;
}

function askProbe<T>(child: Child, question: 'memory' | 'loop-delay', key: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the memory probe did not answer')), 10_000);
    const onMessage = (message: unknown) => {
      const answer = (message as Record<string, T | undefined>)[key];
      if (answer === undefined) return;
      clearTimeout(timer);
      child.proc.off('message', onMessage);
      resolve(answer);
    };
    child.proc.on('message', onMessage);
    child.proc.send(question);
  });
}

export async function memoryOf(child: Child): Promise<Memory> {
  const usage = await askProbe<NodeJS.MemoryUsage>(child, 'memory', 'memory');
  // Read RSS after the GC the probe ran.
  return { rss: vmRss(child.proc.pid as number), heapUsed: usage.heapUsed };
}

/** The child's event-loop delay since the previous call (the probe resets its histogram each time). */
export function loopDelayOf(child: Child): Promise<LoopDelay> {
  return askProbe<LoopDelay>(child, 'loop-delay', 'loopDelay');
}

/** Starts the built server as it runs in production, with every per-address budget lifted. */
export async function startAirwaveNode(children: Child[], env: Record<string, string>) {
  buildServer();
  const port = await freePort();
  const child = startChild(
    ['backend/dist/server.js'],
    {
      NODE_ENV: 'production',
      HOST,
      PORT: String(port),
      DATABASE_URL: '',
      REDIS_URL: '',
      MEDIA_MODE: 'p2p',
      JWT_SECRET: randomBytes(30).toString('base64url'), // 40 characters
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      // The streamer is exempt from the chat limit anyway; raise it so nothing here can answer 429.
      CHAT_RATE_POINTS: '1000',
      CHAT_RATE_WINDOW_SECONDS: '1',
      // Every account registers from this one machine.
      REGISTER_LIMIT_PER_IP: '100000',
      // Every simulated viewer connects from this one machine; lift the per-address budgets.
      SOCKET_CONNECTIONS_PER_IP: '100000',
      SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: '1000000',
      SOCKET_POINTS_PER_IP_10S: '1000000',
      VIEWERS_PER_IP: '100000',
      ...env,
    },
    { ...probeFlags, source: false },
  );
  children.push(child);
  const url = `http://${HOST}:${port}`;
  await waitUntil(child, 'Airwave', async () => (await fetch(`${url}/healthz`)).ok);
  return { child, url };
}

/**
 * Starts the bare Socket.IO baseline (bare-socket-server.ts) as plain JavaScript, like Airwave's
 * build; with `redis` it shares that Redis (a stream of its own) with the other baseline nodes.
 */
export async function startBareNode(children: Child[], redis?: { url: string; stream: string }) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('bare-socket-server.mjs', dir);
  writeFileSync(file, transpiled('./bare-socket-server.ts'));
  const env: Record<string, string> = redis
    ? { BASELINE_REDIS: redis.url, BASELINE_STREAM: redis.stream }
    : {};
  const child = startChild([fileURLToPath(file)], env, { ...probeFlags, source: false });
  children.push(child);
  let port = 0;
  await waitUntil(child, 'the baseline server', async () => {
    port = Number(/\{"baselineListening":(\d+)\}/.exec(child.output())?.[1] ?? 0);
    return port > 0;
  });
  return { child, url: `http://${HOST}:${port}` };
}

export async function api<T>(url: string, method: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(json)}`);
  return json as T;
}

/** Registers a streamer and goes live: the account's token and the stream's id. */
export async function liveStream(url: string, title: string) {
  const id = randomBytes(4).toString('hex');
  const account = await api<{ accessToken: string }>(`${url}/api/auth/register`, 'POST', {
    email: `bench-${id}@bench.test`,
    password: `bench-${randomBytes(12).toString('hex')}`,
    nickname: `bench_${id}`,
  });
  const stream = await api<{ id: string }>(
    `${url}/api/streams`,
    'POST',
    { title, category: 'music' },
    account.accessToken,
  );
  return { token: account.accessToken, streamId: stream.id };
}

/** What each server calls joining a room and sending to it. */
export interface Protocol {
  join: string;
  send: string;
}
export const AIRWAVE: Protocol = { join: 'join-stream', send: 'send-message' };
export const BASELINE: Protocol = { join: 'join', send: 'send' };

export function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out after 30 s')), 30_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

export function emitAck(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<{ ok: boolean; error?: unknown }> {
  return socket.timeout(30_000).emitWithAck(event, payload);
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}
