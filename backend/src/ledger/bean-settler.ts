import { type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { releaseHolds } from './hold-release.ts';
import { JOURNAL_KINDS } from './journal-kinds.ts';
import { postingsFrom } from './ledger.repository.ts';

const BATCH = 5000;

/** The UTC hour of a time, whatever the session's time zone: a gift's hour is the key of its hold lot. */
export const utcHour = (at: SQL) => sql`date_bin('1 hour', ${at}, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;

/**
 * Folds pending bean credits into streamers' hold lots and stream totals in one statement: the
 * rows are deleted and summed per streamer and hour, and per stream, so each hot row is updated
 * once per batch instead of once per gift. A lot frees up `holdDays` after its latest gift. The
 * batch is one journal entry (pending -> held beans).
 *
 * Without `streamerId` (the background settler) it never waits: credits whose row or whose
 * streamer's user row another transaction holds are left for the next batch, so several nodes
 * settle side by side and the settler can never be part of a deadlock. With one (settleStreamer),
 * the caller already holds the streamer's row and it waits for a concurrent batch instead.
 *
 * Returns the streamers whose beans moved.
 */
async function settle(db: Db | Tx, holdDays: number, streamerId?: string): Promise<string[]> {
  const filter = streamerId ? sql`WHERE p.streamer_id = ${streamerId}::uuid` : sql``;
  const lock = streamerId
    ? sql`FOR UPDATE OF p`
    : sql`FOR UPDATE OF p SKIP LOCKED FOR NO KEY UPDATE OF u SKIP LOCKED`;
  // Both drivers (node-postgres and PGlite) answer raw statements with `{ rows }`.
  const result = (await db.execute(sql`
    WITH moved AS (
      DELETE FROM pending_bean_credits
      WHERE id IN (
        SELECT p.id FROM pending_bean_credits p JOIN users u ON u.id = p.streamer_id ${filter}
        ORDER BY p.id LIMIT ${BATCH} ${lock}
      )
      RETURNING streamer_id, stream_id, beans, promo_beans, created_at
    ),
    per_user AS (SELECT streamer_id, sum(beans)::bigint AS b, count(*)::int AS n FROM moved GROUP BY streamer_id),
    per_lot AS (
      SELECT streamer_id, ${utcHour(sql`created_at`)} AS hour, sum(beans)::bigint AS b, sum(promo_beans)::bigint AS pb,
        max(created_at) + make_interval(days => ${holdDays}::int) AS release_at
      FROM moved GROUP BY 1, 2
    ),
    per_stream AS (SELECT stream_id, sum(beans)::bigint AS b, count(*)::int AS n FROM moved GROUP BY stream_id),
    -- Beans join the streamer's open lot of that hour; a lot frees up after its latest gift's hold.
    lots AS (
      INSERT INTO bean_holds (user_id, earned_hour, beans, promo_beans, release_at)
      SELECT streamer_id, hour, b, pb, release_at FROM per_lot
      ON CONFLICT (user_id, earned_hour) WHERE released_at IS NULL DO UPDATE
        SET beans = bean_holds.beans + EXCLUDED.beans, promo_beans = bean_holds.promo_beans + EXCLUDED.promo_beans,
          release_at = greatest(bean_holds.release_at, EXCLUDED.release_at)
      RETURNING id
    ),
    -- One journal entry per batch (none for an empty one), one pair of postings per streamer.
    je AS (
      INSERT INTO journal_entries (kind, user_id, reason)
      SELECT 'bean_settlement', ${streamerId ?? null}::uuid, count(*) || ' pending credits settled'
      FROM moved HAVING count(*) > 0
      RETURNING id
    ),
    jp AS (${postingsFrom(
      JOURNAL_KINDS.bean_settlement({ userId: sql`per_user.streamer_id`, beans: sql`per_user.b` }),
      sql`je, per_user`,
    )}),
    s AS (
      UPDATE streams SET beans_earned = streams.beans_earned + per_stream.b, gifts_count = streams.gifts_count + per_stream.n
      FROM per_stream WHERE streams.id = per_stream.stream_id
      RETURNING streams.id
    )
    UPDATE users SET beans_earned = users.beans_earned + per_user.b,
                     gifts_received = users.gifts_received + per_user.n
    FROM per_user WHERE users.id = per_user.streamer_id
    RETURNING users.id
  `)) as unknown as { rows: Array<{ id: string }> };
  return result.rows.map((r) => r.id);
}

/** The background settler's batch: credits of whichever streamers no other transaction holds. */
export const settleBeans = (db: Db | Tx, holdDays: number) => settle(db, holdDays);

/**
 * Brings one streamer's beans up to date inside the caller's transaction (their wallet, a payout
 * request): every gift so far settled into a lot, and every due lot released. Their user row is
 * locked first, so a background job (which only takes rows no one holds) can never be waiting
 * for it while holding a lot or credit this transaction then asks for.
 */
export async function settleStreamer(tx: Tx, holdDays: number, userId: string) {
  await tx.execute(sql`SELECT id FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`);
  await settle(tx, holdDays, userId);
  await releaseHolds(tx, { userId });
}

/**
 * Runs the settler and then the release job on an interval until stopped; `onSettled` hears
 * whose beans moved (pending into a lot, or a lot into the balance).
 */
export function startBeanSettler(
  db: Db,
  intervalMs: number,
  holdDays: number,
  onSettled: (userIds: string[]) => void,
  onError: (e: unknown) => void,
) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    (async () => {
      const moved = new Set([...(await settleBeans(db, holdDays)), ...(await releaseHolds(db))]);
      if (moved.size) onSettled([...moved]);
    })()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
