import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServer, startServer } from './test/server-process.ts';
import { connectSocket } from './test/test-socket.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'airwave-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (env: Record<string, string>) => runServer({ DATA_DIR: dataDir, ...env });
const start = (env: Record<string, string> = {}) => startServer({ DATA_DIR: dataDir, ...env });

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the server process', { timeout: 60_000 }, () => {
  const account = {
    email: 'process@example.com',
    password: 'a long enough passphrase',
    nickname: 'proc_user',
  };

  it('starts on the embedded database with demo data, answers, and stops on SIGTERM with sockets closed', async () => {
    const server = await start();
    expect(server.out()).toContain('Demo accounts (development only)');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await post(`${server.url}/api/auth/register`, account)).status).toBe(201);

    const socket = await connectSocket(server.url);
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    const { code, ms } = await server.stop();
    await disconnected;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(server.out()).toContain('stopped cleanly');
    expect(server.out()).not.toContain(account.password);
  });

  it('keeps accounts in DATA_DIR across a restart', async () => {
    const server = await start();
    try {
      const login = await post(`${server.url}/api/auth/login`, {
        email: account.email,
        password: account.password,
      });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ nickname: account.nickname });
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with a bad setting and names it', async () => {
    const badPort = await run({ PORT: 'eighty' }).exit;
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/PORT:/);

    const noSecret = await run({ NODE_ENV: 'production', BCRYPT_COST: '12' }).exit;
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toContain('JWT_SECRET: is required when NODE_ENV=production');
  });
});
