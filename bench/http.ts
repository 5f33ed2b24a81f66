/**
 * Requests per second and latency of two auth endpoints on the real Airwave server, next to a bare
 * Express 5 server that does only the core work of each endpoint, in the same run:
 *
 *   GET  /api/auth/me     Airwave: JWT check + session row + user row, through every middleware.
 *                         Baseline: express + jose HS256 verify + a JSON object.
 *   POST /api/auth/login  Airwave: rate limits + user lookup + bcrypt (cost 12) + a new session.
 *                         Baseline: express + bcrypt.compare at cost 12 of a fixed hash.
 *
 * Both servers run in child processes (Airwave on PGlite in a temporary DATA_DIR); autocannon runs
 * here, on the same machine, so the load generator shares the CPU with the server under test.
 *
 *   npm run bench:http   (BENCH_SECONDS=10 BENCH_WARMUP_SECONDS=2 BENCH_ME_CONNECTIONS=50
 *                         BENCH_LOGIN_CONNECTIONS=10)
 *   BENCH_PG=postgres://postgres@127.0.0.1:5432/test npm run bench:http   Airwave on a fresh database
 *                         on that PostgreSQL server instead of PGlite
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import bcrypt from 'bcrypt';
import express from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { type Child, freePort, HOST, startChild, stopChild, waitUntil } from './child-process.ts';
import { withFreshDatabase } from './fresh-database.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ME_CONNECTIONS = Number(process.env.BENCH_ME_CONNECTIONS ?? 50);
const LOGIN_CONNECTIONS = Number(process.env.BENCH_LOGIN_CONNECTIONS ?? 10);
/** A PostgreSQL server to run Airwave on (a fresh database is made there); unset: PGlite. */
const PG_SERVER = process.env.BENCH_PG;
const BCRYPT_COST = 12;
const ISSUER = 'airwave';
const AUDIENCE = 'airwave-api';

const thisFile = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------------
// The baseline server: this same file, started with --baseline in a child process.

async function runBaseline() {
  const secret = process.env.BASELINE_JWT_SECRET;
  const password = process.env.BASELINE_PASSWORD;
  if (!secret || !password) throw new Error('BASELINE_JWT_SECRET and BASELINE_PASSWORD are required');
  const key = new TextEncoder().encode(secret);
  const fixedHash = await bcrypt.hash(password, BCRYPT_COST);

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.get('/api/auth/me', async (req, res) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      res.json({
        id: payload.sub,
        email: 'bench@bench.test',
        nickname: 'bench',
        role: payload.role,
        coins: 0,
        beans: 0,
        createdAt: '2024-01-01T00:00:00.000Z',
      });
    } catch {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'The access token is invalid.' } });
    }
  });
  app.post('/api/auth/login', async (req, res) => {
    const body = req.body as { password?: unknown } | undefined;
    const given = typeof body?.password === 'string' ? body.password : '';
    if (await bcrypt.compare(given, fixedHash)) res.json({ ok: true });
    else res.status(401).json({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong password.' } });
  });
  const server = app.listen(0, HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.log(JSON.stringify({ baselineListening: port }));
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

// ---------------------------------------------------------------------------------------------------
// The bench.

async function startAirwave(dataDir: string, databaseUrl: string, children: Child[]) {
  const port = await freePort();
  const child = startChild(['backend/src/server.ts'], {
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: '',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    BCRYPT_COST: String(BCRYPT_COST),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    // Every login comes from 127.0.0.1 for one account: lift the limits so none answers 429.
    LOGIN_LIMIT_PER_IP: '100000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000',
    LOGIN_LIMIT_PER_ACCOUNT_IP: '100000',
  });
  children.push(child);
  const url = `http://${HOST}:${port}`;
  await waitUntil(child, 'Airwave', async () => (await fetch(`${url}/healthz`)).ok);
  return { child, url };
}

async function startBaseline(secret: string, password: string, children: Child[]) {
  const child = startChild([thisFile, '--baseline'], {
    BASELINE_JWT_SECRET: secret,
    BASELINE_PASSWORD: password,
  });
  children.push(child);
  let port = 0;
  await waitUntil(child, 'the baseline server', async () => {
    const m = /\{"baselineListening":(\d+)\}/.exec(child.output());
    port = Number(m?.[1] ?? 0);
    return port > 0;
  });
  return { child, url: `http://${HOST}:${port}` };
}

async function api(url: string, method: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

interface Target {
  path: string;
  method: 'GET' | 'POST';
  connections: number;
  headers?: Record<string, string>;
  body?: string;
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  seconds: number;
}

async function hammer(base: string, target: Target, seconds: number): Promise<Measured> {
  const r = await autocannon({
    url: `${base}${target.path}`,
    method: target.method,
    connections: target.connections,
    duration: seconds,
    timeout: 60,
    headers: { 'content-type': 'application/json', ...target.headers },
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new Error(
      `${target.method} ${base}${target.path}: ${r.non2xx} non-2xx, ${r.errors} errors, ` +
        `${r.timeouts} timeouts (status codes: ${JSON.stringify(r.statusCodeStats)})`,
    );
  }
  return {
    requestsPerSecond: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r['2xx'],
    seconds: r.duration,
  };
}

async function measure(base: string, target: Target) {
  if (WARMUP_SECONDS > 0) await hammer(base, target, WARMUP_SECONDS);
  return hammer(base, target, SECONDS);
}

async function runBench(databaseUrl: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'airwave-bench-http-'));
  const baselineSecret = randomBytes(48).toString('base64url');
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const children: Child[] = [];
  try {
    const airwave = await startAirwave(dataDir, databaseUrl, children);
    const baseline = await startBaseline(baselineSecret, password, children);

    const email = `bench-${randomBytes(4).toString('hex')}@bench.test`;
    const registered = (await api(`${airwave.url}/api/auth/register`, 'POST', {
      email,
      password,
      nickname: `bench_${randomBytes(4).toString('hex')}`,
    })) as { accessToken: string };
    const baselineToken = await new SignJWT({ sid: randomUUID(), role: 'user' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(baselineSecret));

    const login = JSON.stringify({ email, password });
    const cases = [
      {
        name: 'GET /api/auth/me',
        airwave: {
          path: '/api/auth/me',
          method: 'GET',
          connections: ME_CONNECTIONS,
          headers: { authorization: `Bearer ${registered.accessToken}` },
        },
        baseline: {
          path: '/api/auth/me',
          method: 'GET',
          connections: ME_CONNECTIONS,
          headers: { authorization: `Bearer ${baselineToken}` },
        },
      },
      {
        name: `POST /api/auth/login (bcrypt ${BCRYPT_COST})`,
        airwave: { path: '/api/auth/login', method: 'POST', connections: LOGIN_CONNECTIONS, body: login },
        baseline: { path: '/api/auth/login', method: 'POST', connections: LOGIN_CONNECTIONS, body: login },
      },
    ] satisfies { name: string; airwave: Target; baseline: Target }[];

    const results = [];
    for (const c of cases) {
      console.error(`${c.name}: Airwave…`);
      const a = await measure(airwave.url, c.airwave);
      console.error(`${c.name}: baseline…`);
      const b = await measure(baseline.url, c.baseline);
      results.push({
        case: c.name,
        connections: c.airwave.connections,
        airwave: a,
        baseline: b,
        ratio: {
          requestsPerSecond: a.requestsPerSecond / b.requestsPerSecond,
          p50: a.p50 / b.p50,
          p99: a.p99 / b.p99,
        },
      });
    }

    const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
    const rps = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
    const lines = [
      `HTTP, Airwave on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}, ${SECONDS} s per case after ` +
        `${WARMUP_SECONDS} s warm-up, Node ${process.version}, ` +
        `${os.availableParallelism()} cores`,
      '',
      '| Case | Conns | Server | req/s | p50 ms | p99 ms |',
      '| --- | ---: | --- | ---: | ---: | ---: |',
    ];
    for (const r of results) {
      const row = (server: string, m: Measured) =>
        `| ${r.case} | ${r.connections} | ${server} | ${rps(m.requestsPerSecond)} | ${ms(m.p50)} | ${ms(m.p99)} |`;
      lines.push(row('Airwave', r.airwave), row('bare Express 5', r.baseline));
      lines.push(
        `| ${r.case} | ${r.connections} | **ratio Airwave / baseline** | **${r.ratio.requestsPerSecond.toFixed(2)}** | ` +
          `${r.ratio.p50.toFixed(2)} | ${r.ratio.p99.toFixed(2)} |`,
      );
    }
    console.log(lines.join('\n'));

    const result = {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      node: process.version,
      cores: os.availableParallelism(),
      bcryptCost: BCRYPT_COST,
      database: databaseUrl ? 'postgres' : 'pglite',
      cases: results,
    };
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/http.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const child of children) await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--baseline')) await runBaseline();
else if (PG_SERVER) await withFreshDatabase(PG_SERVER, runBench);
else await runBench('');
