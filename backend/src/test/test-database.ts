import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type DatabaseTarget, openDatabase } from '../db/client.ts';

/** A PostgreSQL database as tests open it: the production timeouts' defaults. */
export function postgresTarget(url: string, poolMax = 10): DatabaseTarget {
  return { kind: 'postgres', url, poolMax, connectTimeoutMs: 5000, statementTimeoutMs: 30_000 };
}

/**
 * A database of its own for one test file: in-memory PGlite by default, or a brand-new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close), so runs never collide.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ kind: 'pglite', dataDir: undefined });

  const scratch = await createScratchDatabase(serverUrl);
  const database = await openDatabase(postgresTarget(scratch.url));
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

export const POSTGRES_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A brand-new, empty database on a PostgreSQL server, for tests that run several server processes. */
export async function createScratchDatabase(serverUrl = POSTGRES_SERVER_URL) {
  const name = `airwave_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Whether the PostgreSQL server answers; under CI=true it must, so a missing server fails instead of skipping. */
export async function postgresAvailable(): Promise<boolean> {
  if (process.env.CI === 'true') return true;
  const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
