import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { rootMessage } from '../platform/background-errors.ts';
import { databaseUnavailable } from './errors.ts';
import { MIGRATIONS_FOLDER } from './migrations-folder.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type every feature uses, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | undefined }
  | {
      kind: 'postgres';
      url: string;
      poolMax: number;
      /** Bounds opening a connection and waiting for a free one from the pool. */
      connectTimeoutMs: number;
      /** The server cancels a statement running longer (0: no limit). */
      statementTimeoutMs: number;
    };

export interface Database {
  db: Db;
  kind: DatabaseTarget['kind'];
  /** The PostgreSQL pool's connection counts, for /metrics (PGlite has no pool). */
  pool?: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function databaseTarget(config: {
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolMax: number;
  databaseConnectTimeoutMs: number;
  databaseStatementTimeoutMs: number;
}): DatabaseTarget {
  return config.databaseUrl
    ? {
        kind: 'postgres',
        url: config.databaseUrl,
        poolMax: config.databasePoolMax,
        connectTimeoutMs: config.databaseConnectTimeoutMs,
        statementTimeoutMs: config.databaseStatementTimeoutMs,
      }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') };
}

/** PGlite in a data folder (or in memory when `dataDir` is undefined), or a PostgreSQL server. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    // Every wait on the database is bounded, so a server that is down or stuck turns into a quick
    // SERVICE_UNAVAILABLE instead of requests piling up: connecting and queueing for a pooled client
    // (connectionTimeoutMillis), a statement on the server (statement_timeout), and, a little later,
    // an answer that never comes because the network is gone (query_timeout, on our side).
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolMax,
      connectionTimeoutMillis: target.connectTimeoutMs,
      statement_timeout: target.statementTimeoutMs,
      query_timeout: target.statementTimeoutMs && target.statementTimeoutMs + 2000,
      // Notices a peer that vanished without closing (a failover, a cut cable) on idle connections.
      keepAlive: true,
    });
    // An idle client the server dropped (restart, failover) must not crash the process: the pool
    // discards it and the next query opens a fresh one; /readyz shows if the server stays away.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema });
    return {
      db,
      kind: 'postgres',
      pool,
      migrate: () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => pool.end(),
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = await PGlite.create(target.dataDir ?? 'memory://');
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.close(),
  };
}

/**
 * Start-up while PostgreSQL is still down (the host rebooted, the database restarts): try again with
 * a doubling pause (0.5 s up to 8 s), logging each attempt, for up to `waitSeconds`; then give up with
 * one clear line, so a process manager shows the failure and restarts the process. A failure that is
 * not about reachability (wrong password, no such database) gives up at once: waiting cannot fix it.
 */
export async function waitForDatabase(
  database: Database,
  target: DatabaseTarget,
  waitSeconds: number,
  log: { warn(obj: object, msg: string): void },
): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let attempt = 1, pauseMs = 500; ; attempt++, pauseMs = Math.min(pauseMs * 2, 8000)) {
    try {
      await database.ping();
      return;
    } catch (err) {
      const where =
        target.kind === 'postgres' ? `PostgreSQL at ${redactedUrl(target.url)}` : 'The embedded database';
      const reason = rootMessage(err);
      if (!databaseUnavailable(err) || Date.now() + pauseMs > deadline) {
        throw new DatabaseUnreachableError(
          `${where} is not reachable (${reason}); gave up after ${attempt} attempt(s) over ${waitSeconds} s (DATABASE_STARTUP_WAIT_SECONDS).`,
        );
      }
      log.warn({ attempt, retryInMs: pauseMs, reason }, `waiting for ${where}`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/** host:port/database of a connection URL, without the credentials, for log lines. */
function redactedUrl(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
