import { randomBytes } from 'node:crypto';
import type { ApiErrorResponse } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, TEST_REDIS_URL } from '../test/redis-available.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

const withRedis = await redisAvailable();

describe.runIf(withRedis)('rate limits shared through Redis across nodes', () => {
  const nodes: TestServer[] = [];
  beforeAll(async () => {
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `airwave-test-${randomBytes(4).toString('hex')}:`,
      LOGIN_LIMIT_PER_ACCOUNT: '3',
    };
    nodes.push(await startTestServer(env), await startTestServer(env));
  });
  afterAll(() => Promise.all(nodes.map((n) => n.close())));

  it('counts attempts made on either node against one budget', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const body = { email: 'target@example.test', password: 'guessing again' };
    expect((await a.api('POST', '/api/auth/login', { body })).status).toBe(401);
    expect((await b.api('POST', '/api/auth/login', { body })).status).toBe(401);
    expect((await a.api('POST', '/api/auth/login', { body })).status).toBe(401);
    // The first failure past the free three starts a delay that the other node honours.
    expect((await a.api('POST', '/api/auth/login', { body })).status).toBe(401);
    const limited = await b.api<ApiErrorResponse>('POST', '/api/auth/login', { body });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });
});
