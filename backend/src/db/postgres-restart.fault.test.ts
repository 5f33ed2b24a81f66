import type { AuthResponse, Stream } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PrivatePostgres,
  type PrivateService,
  privateServicesAvailable,
  startPrivatePostgres,
} from '../test/private-services.ts';
import { runServer, startServer } from '../test/server-process.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';

/**
 * Fault test: the real server process against a PostgreSQL of the test's own, which is stopped
 * and started under it. Prints what it did and what it saw (run with --reporter=verbose to read it).
 */
const say = (line: string) => console.log(`[postgres fault] ${line}`);

type Node = Awaited<ReturnType<typeof startServer>>;
const baseEnv = {
  JWT_SECRET: 'a-secret-for-the-postgres-fault-test-0123',
  DEMO_DATA: 'false',
  SERVE_WEB: 'false',
  DATABASE_CONNECT_TIMEOUT_MS: '2000',
  // The client gives up on an unanswered query 2 s after this: 3 s in all.
  DATABASE_STATEMENT_TIMEOUT_MS: '1000',
};

async function api(node: Node, method: string, path: string, body?: unknown, token?: string) {
  const started = Date.now();
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const json = (await res.json()) as { error?: { code: string } } & Record<string, unknown>;
  return { status: res.status, code: json.error?.code, json, ms: Date.now() - started, res };
}

/** Polls `check` until it holds; resolves with how long it took. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not within ${ms} ms`);
}

const available = await privateServicesAvailable();

describe.runIf(available)('PostgreSQL restarted under a running server', { timeout: 60_000 }, () => {
  let pg: PrivatePostgres;
  let node: Node;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    say(`started a private PostgreSQL on 127.0.0.1:${pg.port}`);
    node = await startServer({ ...baseEnv, DATABASE_URL: pg.url });
    say(`started the server process at ${node.url} against it`);
  });
  afterAll(async () => {
    closeAllSockets();
    await node?.stop();
    await pg?.destroy();
  });

  it('answers 503 SERVICE_UNAVAILABLE (REST, /readyz and socket acks) while it is down, then recovers by itself', async () => {
    const reg = await api(node, 'POST', '/api/auth/register', {
      email: 'pgfault@example.test',
      password: 'a long enough passphrase',
      nickname: 'pg_fault',
    });
    expect(reg.status).toBe(201);
    const { accessToken } = reg.json as unknown as AuthResponse;
    const stream = (
      await api(node, 'POST', '/api/streams', { title: 'Outage', category: 'music' }, accessToken)
    ).json as unknown as Stream;
    const socket = await connectSocket(node.url, { token: accessToken });
    await ok(socket, 'join-stream', { streamId: stream.id });
    await ok(socket, 'send-message', { streamId: stream.id, text: 'before the outage' });
    say('registered a user, created a stream, joined it over a socket and chatted: all fine');

    await pg.stop();
    say('stopped PostgreSQL (fast shutdown: every pooled connection is cut)');
    const outageLogStart = node.out().length;

    const ready = await api(node, 'GET', '/readyz');
    say(`GET /readyz -> ${ready.status} ${ready.code} in ${ready.ms} ms`);
    expect(ready.status).toBe(503);
    expect(ready.code).toBe('SERVICE_UNAVAILABLE');

    const read = await api(node, 'GET', `/api/streams/${stream.id}`);
    say(
      `GET /api/streams/:id -> ${read.status} ${read.code} in ${read.ms} ms, Retry-After ${read.res.headers.get('retry-after')}`,
    );
    expect(read.status).toBe(503);
    expect(read.code).toBe('SERVICE_UNAVAILABLE');
    expect(read.res.headers.get('retry-after')).toMatch(/^\d+$/);

    const login = await api(node, 'POST', '/api/auth/login', {
      email: 'pgfault@example.test',
      password: 'a long enough passphrase',
    });
    say(`POST /api/auth/login -> ${login.status} ${login.code} in ${login.ms} ms`);
    expect(login.status).toBe(503);
    expect(login.code).toBe('SERVICE_UNAVAILABLE');

    const started = Date.now();
    const chat = await emitAck(socket, 'send-message', { streamId: stream.id, text: 'during the outage' });
    say(
      `socket send-message -> ${JSON.stringify(chat.ok ? chat : chat.error.code)} in ${Date.now() - started} ms`,
    );
    expect(chat.ok ? 'ok' : chat.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(socket.connected).toBe(true);
    for (const r of [ready, read, login]) expect(r.ms).toBeLessThan(5000);

    // Background tasks (bean settler every 250 ms, viewer counts) keep failing meanwhile: they must
    // not write a stack trace each time.
    await new Promise((r) => setTimeout(r, 2000));
    const outageLines = node.out().slice(outageLogStart).split('\n').filter(Boolean);
    const errorLines = outageLines
      .filter((l) => /"level":(50|60)/.test(l))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    say(`log lines during ~2.5 s of outage: ${outageLines.length} (${errorLines.length} at error level)`);
    expect(errorLines).toEqual([]);
    expect(outageLines.length).toBeLessThan(20);

    await pg.start();
    say('started PostgreSQL again on the same port and data');
    const recoveredIn = await until(
      async () => (await api(node, 'GET', '/readyz')).status === 200,
      15_000,
      '/readyz 200',
    );
    say(`GET /readyz -> 200 again ${recoveredIn} ms after PostgreSQL was back`);
    const again = await api(node, 'POST', '/api/auth/login', {
      email: 'pgfault@example.test',
      password: 'a long enough passphrase',
    });
    expect(again.status).toBe(200);
    await ok(socket, 'send-message', { streamId: stream.id, text: 'after the outage' });
    expect(node.child.exitCode).toBeNull();
    say('login over REST and chat over the same socket work again; the server process never restarted');
  });

  it('a PostgreSQL that hangs (connections open, nothing answers) turns into 503 within the timeouts, not a hang', async () => {
    const reg = await api(node, 'POST', '/api/auth/login', {
      email: 'pgfault@example.test',
      password: 'a long enough passphrase',
    });
    expect(reg.status).toBe(200);
    pg.pause();
    say('froze every PostgreSQL process with SIGSTOP (a hung server: TCP accepts, nothing answers)');
    try {
      const [ready, me] = await Promise.all([
        api(node, 'GET', '/readyz'),
        api(node, 'GET', '/api/auth/me', undefined, (reg.json as unknown as AuthResponse).accessToken),
      ]);
      say(
        `GET /readyz -> ${ready.status} ${ready.code} in ${ready.ms} ms; GET /api/auth/me -> ${me.status} ${me.code} in ${me.ms} ms`,
      );
      for (const r of [ready, me]) {
        expect(r.status).toBe(503);
        expect(r.code).toBe('SERVICE_UNAVAILABLE');
        expect(r.ms).toBeLessThan(6000);
      }
    } finally {
      pg.resume();
    }
    const recoveredIn = await until(
      async () => (await api(node, 'GET', '/readyz')).status === 200,
      15_000,
      '/readyz 200',
    );
    say(`resumed PostgreSQL (SIGCONT): /readyz answers 200 again after ${recoveredIn} ms`);
  });
});

describe.runIf(available)('the server starting while PostgreSQL is down', { timeout: 60_000 }, () => {
  let pg: PrivateService;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    await pg.stop();
    say(`made a private PostgreSQL on 127.0.0.1:${pg.port} and stopped it`);
  });
  afterAll(async () => {
    await pg?.destroy();
  });

  it('waits with backoff, logging each attempt, and starts once PostgreSQL is up', async () => {
    const proc = runServer({ ...baseEnv, DATABASE_URL: pg.url, DATABASE_STARTUP_WAIT_SECONDS: '30' });
    try {
      await until(
        async () => /waiting for PostgreSQL at 127\.0\.0\.1/.test(proc.out()),
        10_000,
        'a waiting log line',
      );
      say('server started with PostgreSQL down: it logs "waiting for PostgreSQL" and does not listen');
      expect(proc.out()).not.toMatch(/Airwave is listening/);
      await pg.start();
      const upIn = await until(async () => /Airwave is listening/.test(proc.out()), 20_000, 'listening');
      const attempts = proc.out().match(/waiting for PostgreSQL/g)?.length ?? 0;
      say(
        `started PostgreSQL; the server was listening ${upIn} ms later, after ${attempts} logged attempt(s)`,
      );
    } finally {
      await proc.stop();
      await pg.stop();
    }
  });

  it('exits with status 1 and a clear message once DATABASE_STARTUP_WAIT_SECONDS has passed', async () => {
    const proc = runServer({ ...baseEnv, DATABASE_URL: pg.url, DATABASE_STARTUP_WAIT_SECONDS: '1' });
    const { code, stderr } = await proc.exit;
    const fatal = stderr.trim();
    say(`with a 1 s wait the server exited with ${code}: ${fatal}`);
    expect(code).toBe(1);
    expect(fatal).toMatch(/PostgreSQL .*127\.0\.0\.1:\d+.* is not reachable/);
  });
});
