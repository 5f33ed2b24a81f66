import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL and Redis servers of a test's own, on free loopback ports in a temp dir, which the
 * test may stop and start at will: fault tests never touch the machine's shared 5432 and 6379.
 */

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The Debian packages put the binaries in /usr/lib/postgresql/<major>/bin; take the newest. */
function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => /^\d+$/.test(d))
        .sort((x, y) => Number(y) - Number(x))
    : [];
  for (const major of majors) {
    const bin = path.join(root, major, 'bin', name);
    if (existsSync(bin)) return bin;
  }
  return name; // from PATH
}

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` account. */
function serviceAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Resolves once `ready` matches the child's output; rejects if it exits first or takes longer than `ms`. */
function waitForOutput(child: ChildProcess, ready: RegExp, what: string, ms = 30_000): Promise<void> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${ms} ms:\n${seen}`)), ms);
    const onData = (d: Buffer) => {
      seen += d;
      if (ready.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${seen}`));
    });
  });
}

export interface PrivateService {
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut, as in a restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port (and, for PostgreSQL, the same data). */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

export interface PrivatePostgres extends PrivateService {
  /** Freezes every PostgreSQL process (SIGSTOP): connections stay open and nothing answers, as in a hung server. */
  pause(): void;
  resume(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airwave-pg-'));
  const dataDir = path.join(dir, 'data');
  const account = serviceAccount();
  if (account) chownSync(dir, account.uid, account.gid);
  execFileSync(postgresBin('initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync'], {
    ...account,
    stdio: 'pipe',
  });
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'];
    // fsync off: a test database need not survive a power cut, and it keeps start-up quick.
    child = spawn(postgresBin('postgres'), [...args, '-c', 'fsync=off'], {
      ...account,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(child, /database system is ready to accept connections/, 'postgres');
  };
  const stop = async () => {
    if (!child) return;
    const running = child;
    child = undefined;
    running.kill('SIGINT'); // "fast" shutdown: clients are disconnected, as pg_ctl restart -m fast does
    await exited(running);
  };
  // Each backend calls setsid(), so a process-group signal misses them: signal the postmaster's children one by one.
  const signalAll = (signal: NodeJS.Signals) => {
    const postmaster = child?.pid;
    if (!postmaster) throw new Error('postgres is not running');
    const children = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((pid) => {
        try {
          // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false; // gone meanwhile
        }
      });
    for (const pid of [postmaster, ...children.map(Number)]) process.kill(pid, signal);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    pause: () => signalAll('SIGSTOP'),
    resume: () => signalAll('SIGCONT'),
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startPrivateRedis(): Promise<PrivateService> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForOutput(child, /Ready to accept connections/, 'redis-server');
  };
  const stop = async () => {
    if (!child) return;
    const running = child;
    child = undefined;
    running.kill('SIGTERM');
    await exited(running);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop, destroy: stop };
}

/** Resolves once a STUN Binding request to 127.0.0.1:`port` over UDP is answered (RFC 5389). */
async function stunAnswers(port: number, ms: number, ip = '127.0.0.1'): Promise<boolean> {
  const socket = createSocket('udp4');
  // Binding request: type 0x0001, no attributes, the magic cookie, a random transaction id.
  const request = Buffer.concat([Buffer.from([0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42]), randomBytes(12)]);
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      socket.on('message', (msg) => {
        if (msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(request.subarray(8, 20))) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      socket.send(request, port, ip);
    });
  } finally {
    socket.close();
  }
}

export interface PrivateCoturn {
  /** What TURN_URLS takes: `turn:127.0.0.1:<port>?transport=udp`. */
  url: string;
  port: number;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

/**
 * A coturn of the test's own on a free loopback port, with TURN REST auth (`use-auth-secret`) as in
 * production. `--allow-loopback-peers` is what lets it relay to peers on this machine (production
 * denies it, see deploy/coturn/turnserver.conf); pid file and user database stay in a temp dir, so
 * it needs no root and leaves nothing behind.
 */
export async function startPrivateCoturn(
  secret: string,
  options: {
    /** A config file to run instead (the production sample): only addresses, ports and files are overridden. */
    config?: string;
    /**
     * The address it listens and relays on. Loopback by default; a peer whose sockets are bound to
     * the machine's interface address (Janus: it never uses loopback) cannot reach loopback.
     */
    ip?: string;
  } = {},
): Promise<PrivateCoturn> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airwave-coturn-'));
  const ip = options.ip ?? '127.0.0.1';
  const port = await freePort();
  const policy = options.config
    ? ['-c', options.config, `--tls-listening-port=${await freePort()}`]
    : ['-n', '--use-auth-secret', '--realm=airwave', '--no-cli', '--no-dtls', '--allow-loopback-peers'];
  const child = spawn(
    'turnserver',
    [
      ...policy,
      `--listening-ip=${ip}`,
      `--relay-ip=${ip}`,
      `--listening-port=${port}`,
      `--static-auth-secret=${secret}`,
      '--no-tls',
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      `--userdb=${path.join(dir, 'turndb')}`,
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d;
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d;
  });
  const destroy = async () => {
    child.kill('SIGTERM');
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  };
  // coturn prints no "ready" line: it is ready when it answers STUN.
  const deadline = Date.now() + 15_000;
  while (!(await stunAnswers(port, 200, ip))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await destroy();
      throw new Error(`turnserver did not start on port ${port}:\n${output}`);
    }
  }
  return { url: `turn:${ip}:${port}?transport=udp`, port, destroy };
}

/** Whether coturn's `turnserver` is installed; CI installs it, so under CI=true the answer is yes. */
export function coturnAvailable(): boolean {
  if (process.env.CI === 'true') return true;
  try {
    execFileSync('turnserver', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this machine can run private servers (PostgreSQL binaries and redis-server). CI installs
 * both, so under CI=true the answer is always yes and a missing binary fails the test.
 */
export async function privateServicesAvailable(): Promise<boolean> {
  if (process.env.CI === 'true') return true;
  const onPath = (bin: string) => {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return onPath(postgresBin('postgres')) && onPath('redis-server');
}
