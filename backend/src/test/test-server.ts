import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AuthResponse } from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { type Airwave, createAirwave } from '../app.ts';

import { type Env, loadConfig } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { openTestDatabase } from './test-database.ts';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  db: Db;
  /** The running app's Express app and Socket.IO server (route and event enumeration). */
  app: Airwave['app'];
  io: Airwave['io'];
  socketEvents: Airwave['socketEvents'];
  /** The server's DATA_DIR (a private Janus keeps its config and janus.pid under janus/). */
  dataDir: string;
  /** Every log line the server wrote, for checks that secrets never reach the log. */
  logs: string[];
  api<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string },
  ): Promise<ApiResult<T>>;
  /** Registers a fresh user with a unique email and nickname. */
  register(
    overrides?: Partial<{ email: string; password: string; nickname: string }>,
  ): Promise<AuthResponse & { password: string }>;
  /** Registers a user and gives them a role directly in the database (a test shortcut, not an API). */
  registerWithRole(
    role: 'user' | 'streamer' | 'moderator' | 'admin',
  ): Promise<AuthResponse & { password: string }>;
  close(): Promise<void>;
}

let counter = 0;
const unique = () =>
  `${process.pid.toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * A real Airwave on an ephemeral loopback port with its own database; fast bcrypt, no demo data.
 * Given a `database`, it shares that one (another node of a cluster) and leaves closing it to the caller.
 */
export async function startTestServer(
  env: Partial<Env> = {},
  options: { database?: Database } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'airwave-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_COST: '4',
    DEMO_DATA: 'false',
    // No STUN server off this machine in tests.
    STUN_URLS: '',
    DATA_DIR: dataDir,
    // Suites register many users from one IP; the rate-limit suite sets tight limits itself.
    REGISTER_LIMIT_PER_IP: '100000',
    LOGIN_LIMIT_PER_IP: '100000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000',
    LOGIN_LIMIT_PER_ACCOUNT_IP: '1000',
    REFRESH_FAILURE_LIMIT_PER_IP: '100000',
    // Every test client connects from 127.0.0.1; the flood suite sets the per-client budgets itself.
    SOCKET_POINTS_PER_IP_10S: '1000000',
    SOCKET_POINTS_PER_USER_10S: '1000000',
    SOCKET_CONNECTIONS_PER_IP: '100000',
    SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: '1000000',
    VIEWERS_PER_IP: '100000',
    // The mesh unless a suite asks for the SFU or auto: a private Janus per test server costs a second.
    MEDIA_MODE: 'p2p',
    // Gift beans free up at once unless a suite tests the hold (bean-holds.test.ts sets the days).
    BEAN_HOLD_DAYS: '0',
    ...env,
  } as Record<string, string>);
  const logs: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const database = options.database
    ? { ...options.database, close: async () => {} }
    : await openTestDatabase();
  const airwave = await createAirwave(config, logger, database);
  const { url } = await airwave.listen();

  const api: TestServer['api'] = async (method, p, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    // A server that stops answering fails the test here, naming the call, instead of at the suite timeout.
    const res = await fetch(`${url}${p}`, { method, headers, body, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: return the text as it is
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  const register: TestServer['register'] = async (overrides = {}) => {
    const id = unique();
    const input = {
      email: `u${id}@example.test`,
      password: `correct horse ${id}`,
      nickname: `u_${id}`,
      ...overrides,
    };
    const res = await api<AuthResponse>('POST', '/api/auth/register', { body: input });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, password: input.password };
  };

  return {
    url,
    db: database.db,
    app: airwave.app,
    io: airwave.io,
    socketEvents: airwave.socketEvents,
    dataDir,
    logs,
    api,
    register,
    async registerWithRole(role) {
      const account = await register();
      await database.db.update(users).set({ role }).where(eq(users.id, account.user.id));
      return { ...account, user: { ...account.user, role } };
    },
    async close() {
      await airwave.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
