import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

/** A stand-in for Sentry's ingest endpoint: it keeps every envelope the real SDK posts. */
async function startReceiver() {
  const envelopes: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      envelopes.push(String(req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    envelopes,
    /** The error events among the envelopes (sessions and client reports are other item types). */
    events() {
      return envelopes.flatMap((e) => {
        const lines = e.split('\n');
        const out: Array<Record<string, unknown>> = [];
        for (let i = 1; i + 1 < lines.length; i += 2) {
          const header = JSON.parse(lines[i] ?? '{}') as { type?: string };
          if (header.type === 'event') out.push(JSON.parse(lines[i + 1] ?? '{}') as Record<string, unknown>);
        }
        return out;
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('error reporting to Sentry (a local receiver stands in for the DSN)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: TestServer;
  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ SENTRY_DSN: receiver.dsn, SENTRY_RELEASE: 'airwave@test-release' });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('hands the browser apps their DSN, environment and release at run time, and lets the CSP reach it', async () => {
    const res = await server.api('GET', '/api/client-config');
    expect(res.body).toEqual({
      sentry: { dsn: receiver.dsn, environment: 'test', release: 'airwave@test-release' },
    });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${new URL(receiver.dsn).origin}`);
  });

  it('sends a 500 with its request id and release, and no password, token, cookie or email', async () => {
    const account = await server.register();
    const email = account.user.email;
    // 4xx answers are the client's business: none of these may reach Sentry.
    expect((await server.api('GET', '/api/no-such-route')).status).toBe(404);
    expect((await server.api('GET', '/api/wallet', { token: 'not-a-jwt' })).status).toBe(401);
    expect((await server.api('POST', '/api/auth/login', { body: { email } })).status).toBe(400);

    // The database breaks under the login query: an unexpected error, a 500.
    await server.db.execute(sql`ALTER TABLE users RENAME TO users_away`);
    const cookie = 'refresh_cookie_value_that_must_not_leak';
    const res = await server.api<{ error: { code: string; details: { requestId: string } } }>(
      'POST',
      '/api/auth/login',
      {
        body: { email, password: account.password },
        token: account.accessToken,
        headers: { cookie: `airwave_refresh=${cookie}` },
      },
    );
    await server.db.execute(sql`ALTER TABLE users_away RENAME TO users`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    const requestId = res.body.error.details.requestId;
    expect(res.headers.get('x-request-id')).toBe(requestId);

    const event = await until(() => receiver.events()[0]);
    expect(event.release).toBe('airwave@test-release');
    expect(event.environment).toBe('test');
    expect((event.tags as Record<string, string>).request_id).toBe(requestId);
    expect(JSON.stringify(event.exception)).toMatch(/users/);
    expect((event.user as { id?: string } | undefined)?.id).toBeUndefined();

    const everything = receiver.envelopes.join('\n');
    for (const secret of [account.password, account.accessToken, account.refreshToken, cookie, email]) {
      expect(everything).not.toContain(secret);
    }
    // Only the one 500 was reported (the client-config call above is no error either).
    expect(receiver.events()).toHaveLength(1);
  });
});

describe('without SENTRY_DSN', () => {
  it('tells the browser apps that error reporting is off, and keeps connect-src to self', async () => {
    const plain = await startTestServer();
    try {
      const res = await plain.api('GET', '/api/client-config');
      expect(res.body).toEqual({ sentry: null });
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
    } finally {
      await plain.close();
    }
  });
});
