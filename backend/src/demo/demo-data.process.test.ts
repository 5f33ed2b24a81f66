import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthResponse, Wallet } from '@airwave/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../test/server-process.ts';
import { DEMO_ACCOUNTS } from './demo-data.ts';

// Server processes on a PGlite folder that outlives them, so each scenario can restart on the
// same data: the admin provisioning and the demo seed must not depend on each other in any order.
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const freshDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airwave-demo-'));
  dirs.push(dir);
  return dir;
};

const admin = { ADMIN_EMAIL: 'ops@example.test', ADMIN_PASSWORD: 'an operator passphrase for the demo test' };
const [demoAdmin, demoStreamer, demoViewer] = DEMO_ACCOUNTS;

async function call<T>(url: string, init: { body?: unknown; token?: string } = {}) {
  const res = await fetch(url, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Starts a server on `dataDir`, reports who can sign in (demo accounts, the admin, `others`) and the demo viewer's coins, then stops it. */
async function boot(
  dataDir: string,
  env: Record<string, string> = {},
  others: { email: string; password: string }[] = [],
) {
  const server = await startServer({ DATA_DIR: dataDir, SERVE_WEB: 'false', ...env });
  try {
    const login = (email: string, password: string) =>
      call<AuthResponse>(`${server.url}/api/auth/login`, { body: { email, password } });
    const signedIn = async (email: string, password: string) => (await login(email, password)).status === 200;
    const viewer = await login(demoViewer.email, demoViewer.password);
    const viewerCoins =
      viewer.status === 200
        ? (await call<Wallet>(`${server.url}/api/wallet`, { token: viewer.body.accessToken })).body.coins
        : undefined;
    const operator = await login(admin.ADMIN_EMAIL, admin.ADMIN_PASSWORD);
    return {
      operatorRole: operator.status === 200 ? operator.body.user.role : undefined,
      demo: [
        await signedIn(demoAdmin.email, demoAdmin.password),
        await signedIn(demoStreamer.email, demoStreamer.password),
        viewer.status === 200,
      ],
      viewerCoins,
      others: await Promise.all(others.map((a) => signedIn(a.email, a.password))),
    };
  } finally {
    await server.stop();
  }
}

describe('demo data next to a provisioned admin', { timeout: 90_000 }, () => {
  it('ADMIN_EMAIL on an empty database: the admin and the demo accounts are both created, once', async () => {
    const dataDir = freshDataDir();
    const first = await boot(dataDir, admin);
    expect(first.operatorRole).toBe('admin');
    expect(first.demo).toEqual([true, true, true]);
    expect(first.viewerCoins).toBe(1000);

    // A restart seeds nothing again: the viewer's starting coins are not granted twice.
    const again = await boot(dataDir, admin);
    expect(again.operatorRole).toBe('admin');
    expect(again.demo).toEqual([true, true, true]);
    expect(again.viewerCoins).toBe(1000);
  });

  it('demo data first, ADMIN_EMAIL added later: the admin is created and the demo data left as it was', async () => {
    const dataDir = freshDataDir();
    const first = await boot(dataDir);
    expect(first.operatorRole).toBeUndefined();
    expect(first.demo).toEqual([true, true, true]);

    const later = await boot(dataDir, admin);
    expect(later.operatorRole).toBe('admin');
    expect(later.demo).toEqual([true, true, true]);
    expect(later.viewerCoins).toBe(1000);
  });

  it('admin only at first (DEMO_DATA=false), demo data switched on later: the demo accounts arrive', async () => {
    const dataDir = freshDataDir();
    const first = await boot(dataDir, { ...admin, DEMO_DATA: 'false' });
    expect(first.operatorRole).toBe('admin');
    expect(first.demo).toEqual([false, false, false]);

    const later = await boot(dataDir, admin);
    expect(later.demo).toEqual([true, true, true]);
    expect(later.viewerCoins).toBe(1000);
  });

  it('a database with a registered user gets no demo data, with or without an admin', async () => {
    const dataDir = freshDataDir();
    const server = await startServer({ DATA_DIR: dataDir, SERVE_WEB: 'false', DEMO_DATA: 'false' });
    const person = {
      email: 'someone@example.test',
      password: 'a real person passphrase',
      nickname: 'someone',
    };
    const registered = await call(`${server.url}/api/auth/register`, { body: person });
    await server.stop();
    expect(registered.status).toBe(201);

    const later = await boot(dataDir, admin, [person]);
    expect(later.operatorRole).toBe('admin');
    expect(later.demo).toEqual([false, false, false]);
    expect(later.others).toEqual([true]);
  });
});
