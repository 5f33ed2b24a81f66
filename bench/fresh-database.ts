/** A throw-away database on a PostgreSQL server, for benches that need a real server. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Creates a new database on `server`, runs `run` with its URL, and drops it afterwards. */
export async function withFreshDatabase<T>(server: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `airwave_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
