import type { ApiErrorResponse } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ BODY_LIMIT: '1kb', CORS_ORIGINS: 'https://app.example.test' });
});
afterAll(() => s.close());

describe('transport edges', () => {
  it('answers an oversized body with 413 JSON', async () => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(5000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 JSON', async () => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/login', { rawBody: '{"email": "a@b.co",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('answers a missing JSON body as a validation error, not a crash', async () => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/login');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers unknown routes with 404 JSON', async () => {
    for (const path of ['/api/nothing-here', '/nothing-here', '/api/auth/me/extra']) {
      const res = await s.api<ApiErrorResponse>('GET', path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('sends security headers and a request id', async () => {
    const res = await s.api('GET', '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
  });

  it('sends a nonce-based CSP with a fresh nonce per response and no inline script allowance', async () => {
    const policies = await Promise.all([1, 2].map(async () => (await s.api('GET', '/healthz')).headers));
    const csp = policies.map((h) => h.get('content-security-policy') ?? '');
    const nonces = csp.map((p) => /script-src 'nonce-([A-Za-z0-9+/=]{20,})' 'strict-dynamic'/.exec(p)?.[1]);
    expect(nonces[0]).toBeDefined();
    expect(nonces[0]).not.toBe(nonces[1]);
    const policy = csp[0] ?? '';
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/connect-src[^;]*ws:/);
    expect(policy).toContain("img-src 'self' data: blob:;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await s.api('OPTIONS', '/api/auth/login', {
      headers: { origin: 'https://app.example.test', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    const refused = await s.api('OPTIONS', '/api/auth/login', {
      headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'POST' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports health, readiness and metrics', async () => {
    expect((await s.api('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await s.api('GET', '/readyz')).body).toEqual({ status: 'ready' });
    await s.api('GET', '/api/users/not-a-uuid');
    await s.register();
    const metrics = await s.api<string>('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('airwave_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/users/:id"');
    expect(metrics.body).toContain('airwave_socket_connections');
    expect(metrics.body).toMatch(/airwave_auth_events_total\{event="register",outcome="ok"\} \d/);
  });
});

describe('rate limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      LOGIN_LIMIT_PER_IP: '50',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
      REGISTER_LIMIT_PER_IP: '2',
    });
  });
  afterAll(() => limited.close());

  it('delays logins to an account after its free failures and answers 429 with Retry-After', async () => {
    const account = await limited.register();
    // Three free failures, then a fourth that is still checked but starts the delay.
    for (let i = 0; i < 4; i++) {
      const res = await limited.api('POST', '/api/auth/login', {
        body: { email: account.user.email, password: 'wrong guess!' },
      });
      expect(res.status).toBe(401);
    }
    // Even the right password is refused while the delay runs.
    const res = await limited.api<ApiErrorResponse>('POST', '/api/auth/login', {
      body: { email: account.user.email, password: account.password },
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits registrations per IP', async () => {
    await limited.register();
    const res = await limited.api<ApiErrorResponse>('POST', '/api/auth/register', {
      body: { email: 'third@example.test', password: 'good enough pass', nickname: 'third_one' },
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });
});

describe('HSTS and metrics in production', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({
      NODE_ENV: 'production',
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_COST: '12',
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => prod.close());

  it('sends HSTS over HTTPS only: not on plain http, yes behind a trusted proxy saying https', async () => {
    const plain = await prod.api('GET', '/healthz');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const proxied = await prod.api('GET', '/healthz', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('does not trust X-Forwarded-Proto without TRUST_PROXY', async () => {
    const res = await s.api('GET', '/healthz', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('keeps /metrics closed in production when METRICS_TOKEN is not set', async () => {
    const res = await prod.api<ApiErrorResponse>('GET', '/metrics');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('with METRICS_TOKEN answers only the exact bearer token; a short token is refused at start', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await startTestServer({ METRICS_TOKEN: token });
    try {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Bearer ${token}x`,
        `Bearer ${token.slice(1)}`,
      ]) {
        const headers: Record<string, string> = authorization ? { authorization } : {};
        const res = await guarded.api<ApiErrorResponse>('GET', '/metrics', { headers });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
      const ok = await guarded.api('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
    } finally {
      await guarded.close();
    }
    await expect(startTestServer({ METRICS_TOKEN: 'short' })).rejects.toThrow(/METRICS_TOKEN/);
  });
});
