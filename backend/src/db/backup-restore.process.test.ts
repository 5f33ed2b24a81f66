import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthResponse, CheckoutResponse, GiftCatalog, Payout, Stream, Wallet } from '@airwave/shared';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../test/server-process.ts';
import { createScratchDatabase, postgresAvailable, postgresTarget } from '../test/test-database.ts';
import { ledgerMismatches } from '../test/test-money.ts';
import { closeAllSockets, connectSocket, ok } from '../test/test-socket.ts';
import { openDatabase } from './client.ts';

// The runbook's backup and restore, run for real: deploy/backup.sh (pg_dump) on a database that
// Airwave has used, deploy/restore.sh (pg_restore) into a fresh one, and Airwave started on the copy.
const ready = await postgresAvailable();
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** PATH with the PostgreSQL client binaries on it: Debian's wrappers in /usr/bin, else the versioned folder. */
function pathWithPgTools() {
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  if (dirs.some((d) => existsSync(path.join(d, 'pg_dump')))) return process.env.PATH ?? '';
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return [...versions.map((v) => path.join(root, v, 'bin')), ...dirs].join(path.delimiter);
}
const script = (name: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync('bash', [path.join(repoRoot, 'deploy', name), ...args], {
    env: { ...process.env, PATH: pathWithPgTools(), ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // a script's complaint ends up in the thrown error
  }).trim();

type Node = Awaited<ReturnType<typeof startServer>>;
interface Account {
  email: string;
  password: string;
  nickname: string;
}

async function call<T>(node: Node, method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${node.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** What each account sees after signing in with its password: balances and payouts, per email. */
async function accountsSeenBy(node: Node, accounts: Account[]) {
  const seen: Record<string, { role: string; wallet: Wallet; payouts: Payout[] }> = {};
  for (const a of accounts) {
    const login = await call<AuthResponse>(node, 'POST', '/api/auth/login', {
      email: a.email,
      password: a.password,
    });
    const wallet = await call<Wallet>(node, 'GET', '/api/wallet', undefined, login.accessToken);
    const { items } = await call<{ items: Payout[] }>(
      node,
      'GET',
      '/api/payouts',
      undefined,
      login.accessToken,
    );
    seen[a.email] = { role: login.user.role, wallet, payouts: items };
  }
  return seen;
}

/** Row counts of every table Airwave owns (its schema and drizzle's migration journal). */
async function tableCounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schemaname: string; tablename: string }>(
      `select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const t of rows) {
      const name = `"${t.schemaname}"."${t.tablename}"`;
      const result = await client.query<{ n: number }>(`select count(*)::int as n from ${name}`);
      counts[name] = result.rows[0]?.n ?? -1;
    }
    return counts;
  } finally {
    await client.end();
  }
}

async function ledgerMismatchesIn(url: string) {
  const database = await openDatabase(postgresTarget(url, 1));
  try {
    return await ledgerMismatches(database.db);
  } finally {
    await database.close();
  }
}

describe.runIf(ready)(
  'backup and restore (deploy/backup.sh → deploy/restore.sh)',
  { timeout: 120_000 },
  () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterAll(async () => {
      await closeAllSockets();
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('a restored copy starts with every account, balance, ledger entry and payout', async () => {
      const backupDir = mkdtempSync(path.join(tmpdir(), 'airwave-backup-'));
      cleanups.push(() => rmSync(backupDir, { recursive: true, force: true }));
      const a = await createScratchDatabase();
      cleanups.push(a.drop);
      const b = await createScratchDatabase();
      cleanups.push(b.drop);

      const admin: Account = {
        email: 'ops@example.test',
        password: 'an operator passphrase for the restore',
        nickname: 'admin',
      };
      const env = {
        JWT_SECRET: 'the-same-secret-before-and-after-the-restore',
        SERVE_WEB: 'false',
        DEMO_DATA: 'false',
        MIN_PAYOUT_BEANS: '50',
        // The fan's gift beans free up at once, so the streamer can ask for a payout before the backup.
        BEAN_HOLD_DAYS: '0',
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
      };
      const person = (name: string): Account => ({
        email: `${name}@example.test`,
        password: `${name} has a long passphrase`,
        nickname: name,
      });
      const streamer = person('restore_streamer');
      const fan = person('restore_fan');
      const other = person('restore_other');
      const accounts = [admin, streamer, fan, other];

      // On A: register, buy coins (dev provider), send gifts over Socket.IO, request a payout.
      const nodeA = await startServer({ ...env, DATABASE_URL: a.url });
      cleanups.push(() => void nodeA.stop());
      const sessions: Record<string, AuthResponse> = {};
      for (const account of [streamer, fan, other])
        sessions[account.email] = await call<AuthResponse>(nodeA, 'POST', '/api/auth/register', account);
      const token = (account: Account) => sessions[account.email]?.accessToken;
      for (const [buyer, packageId] of [
        [fan, 'coins-500'],
        [other, 'coins-100'],
      ] as const) {
        const checkout = await call<CheckoutResponse>(
          nodeA,
          'POST',
          '/api/payments/checkout',
          { packageId, idempotencyKey: randomUUID() },
          token(buyer),
        );
        await call(
          nodeA,
          'POST',
          '/api/payments/dev/complete',
          { paymentId: checkout.payment.id },
          token(buyer),
        );
      }
      const stream = await call<Stream>(
        nodeA,
        'POST',
        '/api/streams',
        { title: 'before the backup', category: 'music' },
        token(streamer),
      );
      const { items: gifts } = await call<GiftCatalog>(nodeA, 'GET', '/api/gifts');
      const heart = gifts.find((g) => g.slug === 'heart');
      if (!heart) throw new Error('the catalog has no heart');
      for (const [giver, count] of [
        [fan, 99],
        [fan, 21],
        [other, 30],
      ] as const) {
        const socket = await connectSocket(nodeA.url, { token: token(giver) });
        await ok(socket, 'join-stream', { streamId: stream.id });
        await ok(socket, 'send-gift', {
          streamId: stream.id,
          giftId: heart.id,
          count,
          idempotencyKey: randomUUID(),
        });
        socket.disconnect();
      }
      await call(
        nodeA,
        'POST',
        '/api/payouts',
        { beans: 100, idempotencyKey: randomUUID() },
        token(streamer),
      );

      const before = await accountsSeenBy(nodeA, accounts);
      expect(before[fan.email]?.wallet.coins).toBeGreaterThan(0);
      expect(before[streamer.email]?.payouts).toEqual([
        expect.objectContaining({ beans: 100, status: 'pending' }),
      ]);

      // The backup runs while A is serving, as the nightly timer does.
      const archive = script('backup.sh', [backupDir], { DATABASE_URL: a.url });
      expect(archive).toMatch(/airwave-\d{8}T\d{6}Z\.dump$/);
      await nodeA.stop();
      const countsA = await tableCounts(a.url);
      expect(countsA['"public"."ledger_entries"']).toBeGreaterThan(0);

      script('restore.sh', [archive, b.url]);
      expect(await tableCounts(b.url)).toEqual(countsA);
      // A second restore over the now-full copy is refused: the script never writes over live data.
      expect(() => script('restore.sh', [archive, b.url])).toThrow(/already has \d+ tables/);

      const nodeB = await startServer({ ...env, DATABASE_URL: b.url });
      cleanups.push(() => void nodeB.stop());
      expect(await accountsSeenBy(nodeB, accounts)).toEqual(before);
      // A session from before the backup still refreshes on the copy.
      const refreshed = await call<{ accessToken: string }>(nodeB, 'POST', '/api/auth/refresh', {
        refreshToken: sessions[fan.email]?.refreshToken,
      });
      expect(refreshed.accessToken).toEqual(expect.any(String));
      await nodeB.stop();

      expect(await ledgerMismatchesIn(a.url)).toEqual([]);
      expect(await ledgerMismatchesIn(b.url)).toEqual([]);
    });
  },
);
