import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import Janode from 'janode';
import type { Logger } from '../../logger.ts';
import { JANUS_CONFIG_FILES, janusLibDir, janusTurn, renderPrivateJanusConfig } from './janus-config.ts';

export interface JanusEndpoint {
  url: string;
  apiSecret: string;
}

interface Options {
  binary: string;
  /** DATA_DIR/janus: the rendered config and janus.pid live here. */
  dir: string;
  templatesDir: string;
  rtpPorts: string;
  /** The viewers' TURN (TURN_URLS + TURN_SECRET): Janus relays through it too. */
  turn?: { urls: string[]; secret: string };
  /** A fixed API port and secret keep one URL across restarts (a Janus other nodes are told about). */
  wsPort?: number;
  apiSecret?: string;
  logger: Logger;
  /** How long one start may take before it counts as failed. */
  startTimeoutMs?: number;
}

/** Restart delays grow from this to MAX_BACKOFF_MS; a Janus that ran STABLE_MS starts over from here. */
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 10_000;
const STABLE_MS = 30_000;
const STOP_GRACE_MS = 3000;
const LOG_TAIL_LINES = 40;

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once Janus answers an authenticated `info` request on its API. */
async function waitUntilAnswers(endpoint: JanusEndpoint, deadline: number, exited: () => boolean) {
  for (;;) {
    try {
      const connection = await Janode.connect({
        address: { url: endpoint.url, apisecret: endpoint.apiSecret },
        max_retries: 0,
      });
      await connection.getInfo().finally(() => connection.close().catch(() => {}));
      return;
    } catch (err) {
      if (exited()) throw new Error('Janus exited while starting');
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/**
 * A private Janus child process for a server started without JANUS_URL: config generated from
 * deploy/janus into DATA_DIR/janus (WebSocket API on a free loopback port, a random api_secret,
 * HTTP and admin APIs off), restarted with backoff when it dies, stopped with the server.
 * `endpoint()` always answers with the running instance, waiting while one starts.
 */
export function startJanusProcess({
  binary,
  dir,
  templatesDir,
  rtpPorts,
  turn,
  wsPort: fixedPort,
  apiSecret = randomBytes(32).toString('base64url'),
  logger,
  startTimeoutMs = 15_000,
}: Options) {
  const log = logger.child({ component: 'janus-process' });
  const libDir = janusLibDir(binary);
  let child: ChildProcess | undefined;
  let stopping = false;
  let failures = 0;
  let current: Promise<JanusEndpoint>;

  async function launch(): Promise<JanusEndpoint> {
    const wsPort = fixedPort ?? (await freeLoopbackPort());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files = renderPrivateJanusConfig(templatesDir, {
      configDir: dir,
      libDir,
      apiSecret,
      wsPort,
      rtpPorts,
      // Minted at every (re)start, so a restart also renews a credential that has run out.
      turn: turn && janusTurn(turn.urls, turn.secret),
    });
    for (const name of JANUS_CONFIG_FILES) writeFileSync(path.join(dir, name), files[name], { mode: 0o600 });

    const started = Date.now();
    const proc = spawn(binary, ['-C', path.join(dir, 'janus.jcfg'), '-F', dir, '--disable-colors'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let exited = false;
    const tail: string[] = [];
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > LOG_TAIL_LINES) tail.shift();
        log.debug({ janus: line }, 'janus');
      });
    }
    proc.once('error', (err) => log.error({ err }, 'Janus could not be started'));
    proc.once('exit', (code, signal) => {
      exited = true;
      rmSync(path.join(dir, 'janus.pid'), { force: true });
      if (stopping) return;
      failures = Date.now() - started > STABLE_MS ? 0 : failures + 1;
      const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
      log.warn(
        { code, signal, restartInMs: delay, lastLines: tail.slice(-10) },
        'Janus exited; restarting it',
      );
      current = sleep(delay).then(launch);
      current.catch(() => {}); // each caller of endpoint() sees the failure; this copy only keeps it observed
    });
    if (proc.pid) writeFileSync(path.join(dir, 'janus.pid'), String(proc.pid));

    const endpoint = { url: `ws://127.0.0.1:${wsPort}`, apiSecret };
    try {
      await waitUntilAnswers(endpoint, started + startTimeoutMs, () => exited);
    } catch (err) {
      log.error({ err, lastLines: tail.slice(-10) }, 'Janus did not answer');
      if (!exited) proc.kill('SIGKILL'); // its exit handler schedules the next try
      throw err;
    }
    log.info({ url: endpoint.url, pid: proc.pid, rtpPorts }, 'private Janus is up');
    return endpoint;
  }

  current = launch();
  current.catch(() => {});

  return {
    /** The running Janus (waits while it starts or restarts; rejects if this start failed). */
    endpoint: () => current,
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
      await gone;
      clearTimeout(timer);
    },
  };
}

export type JanusProcess = ReturnType<typeof startJanusProcess>;
