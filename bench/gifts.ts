/**
 * Gifts committed per second on the PostgreSQL server, with every gift going to ONE streamer and
 * with gifts spread over many, next to `pgbench -N` (TPC-B-like without the hot branch/teller
 * updates) on the same server in the same run.
 *
 *   npm run bench:gifts            (BENCH_SECONDS=10 BENCH_CONCURRENCY=16 BENCH_PG=postgres://…)
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Principal } from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { createBlocksRepository } from '../backend/src/blocks/blocks.repository.ts';
import { type Database, openDatabase } from '../backend/src/db/client.ts';
import { giftCatalog, users } from '../backend/src/db/schema/index.ts';
import { createGiftsRepository } from '../backend/src/gifts/gifts.repository.ts';
import { createGiftsService } from '../backend/src/gifts/gifts.service.ts';
import { settleBeans } from '../backend/src/ledger/bean-settler.ts';
import { releaseHolds } from '../backend/src/ledger/hold-release.ts';
import { createLimiterFactory } from '../backend/src/platform/rate-limit.ts';
import { createStreamsRepository } from '../backend/src/streams/streams.repository.ts';
import { createStreamsService } from '../backend/src/streams/streams.service.ts';
import { withFreshDatabase } from './fresh-database.ts';

const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SENDERS = 64;
const STREAMERS_SPREAD = 50;

async function setup(database: Database, streamerCount: number) {
  const { db } = database;
  const streamsRepo = createStreamsRepository(db);
  const streams = createStreamsService({
    repo: streamsRepo,
    mediaMode: 'p2p',
    thumbnailsDir: '/tmp',
    bus: { emit() {} },
  });
  const gifts = createGiftsService({
    beansPerCoin: 1,
    repo: createGiftsRepository(db),
    streams,
    // The real check every send makes (did the streamer block the sender?), so the figure includes it.
    blocks: { hasBlocked: createBlocksRepository(db).exists },
    limiter: createLimiterFactory(undefined)('bench', { points: 1e9, durationSeconds: 1 }),
    events: { giftSent() {} },
  });
  const mk = async (i: number, coins: number) => {
    const [u] = await db
      .insert(users)
      .values({
        email: `b${i}@bench.test`,
        nickname: `bench_${i}`,
        passwordHash: 'x',
        role: 'streamer',
        coins,
      })
      .returning();
    if (!u) throw new Error('insert failed');
    return u;
  };
  const senders: Principal[] = [];
  // Coins granted straight into the balance: the bench measures sends, not grants.
  for (let i = 0; i < SENDERS; i++) {
    const u = await mk(i, 1_000_000_000);
    senders.push({ userId: u.id, role: 'user', sessionId: randomUUID(), nickname: u.nickname });
  }
  const streamIds: string[] = [];
  for (let i = 0; i < streamerCount; i++) {
    const u = await mk(1000 + i, 0);
    const s = await streams.create(
      { userId: u.id, role: 'streamer', sessionId: randomUUID(), nickname: u.nickname },
      {
        title: 'bench',
        category: 'music',
      },
    );
    streamIds.push(s.id);
  }
  const [heart] = await db.select().from(giftCatalog).where(eq(giftCatalog.slug, 'heart'));
  if (!heart) throw new Error('catalog missing');
  return { gifts, senders, streamIds, giftId: heart.id };
}

async function measureGifts(streamerCount: number) {
  return withFreshDatabase(SERVER, async (url) => {
    const database = await openDatabase({
      kind: 'postgres',
      url,
      poolMax: CONCURRENCY + 2,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 0,
    });
    await database.migrate();
    const { gifts, senders, streamIds, giftId } = await setup(database, streamerCount);
    // No hold: the check below counts beans in the balances.
    const settler = setInterval(() => void settleBeans(database.db, 0).catch(() => undefined), 250);
    let done = 0;
    let failed = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = worker; Date.now() < deadline; i += CONCURRENCY) {
          const sender = senders[i % senders.length] as Principal;
          const streamId = streamIds[i % streamIds.length] as string;
          try {
            await gifts.send(sender, { streamId, giftId, count: 1, idempotencyKey: randomUUID() });
            done++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(settler);
    while ((await settleBeans(database.db, 0)).length > 0) {
      // drain what is left so the check below sees every bean
    }
    await releaseHolds(database.db);
    const earned = await database.db
      .select({ beans: users.beans })
      .from(users)
      .where(eq(users.role, 'streamer'));
    const beans = earned.reduce((sum, r) => sum + r.beans, 0);
    await database.close();
    if (beans !== done) throw new Error(`bean check failed: ${beans} beans for ${done} gifts`);
    return { giftsPerSecond: done / elapsed, gifts: done, failed, beansChecked: beans };
  });
}

function measurePgbench() {
  return withFreshDatabase(SERVER, async (url) => {
    const u = new URL(url);
    const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres'];
    const db = u.pathname.slice(1);
    execFileSync('pgbench', [...args, '-i', '-s', '1', '-q', db], { stdio: 'ignore' });
    const out = execFileSync(
      'pgbench',
      [...args, '-N', '-c', String(CONCURRENCY), '-j', '2', '-T', String(SECONDS), db],
      {
        encoding: 'utf8',
      },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`could not read pgbench output:\n${out}`);
    return { tps };
  });
}

const one = await measureGifts(1);
const many = await measureGifts(STREAMERS_SPREAD);
const baseline = await measurePgbench();
const result = {
  seconds: SECONDS,
  concurrency: CONCURRENCY,
  oneStreamer: one,
  manyStreamers: { ...many, streamers: STREAMERS_SPREAD },
  pgbenchN: baseline,
  ratioOneToPgbench: one.giftsPerSecond / baseline.tps,
  ratioManyToPgbench: many.giftsPerSecond / baseline.tps,
  ratioOneToMany: one.giftsPerSecond / many.giftsPerSecond,
};
console.log(
  [
    `\nGifts committed per second on PostgreSQL, ${CONCURRENCY} senders, ${SECONDS} s each:\n`,
    '| Workload | per second | **ratio vs `pgbench -N`** |',
    '| --- | ---: | ---: |',
    `| gifts → one streamer | ${one.giftsPerSecond.toFixed(0)} | **${result.ratioOneToPgbench.toFixed(2)}** |`,
    `| gifts → ${STREAMERS_SPREAD} streamers | ${many.giftsPerSecond.toFixed(0)} | **${result.ratioManyToPgbench.toFixed(2)}** |`,
    `| \`pgbench -N\` (tps), same server | ${baseline.tps.toFixed(0)} | 1.00 |`,
  ].join('\n'),
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/gifts.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
