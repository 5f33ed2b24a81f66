import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { JOURNAL_KINDS } from './journal-kinds.ts';
import { postingsFrom } from './ledger.repository.ts';

const BATCH = 5000;

/**
 * Folds pending bean credits into streamers' balances and stream totals in one statement: the
 * rows are deleted and summed per streamer and per stream, so each hot row is updated once per
 * batch instead of once per gift. The batch is one journal entry (pending -> available beans). Promotional beans (bought with promo coins) land in promo_beans. SKIP LOCKED lets several nodes settle side by side.
 *
 * Returns the streamers whose balance changed.
 */
export async function settleBeans(db: Db | Tx, streamerId?: string): Promise<string[]> {
  const filter = streamerId ? sql`WHERE streamer_id = ${streamerId}` : sql``;
  // The background settler skips rows another settler holds. One streamer's settle (their wallet,
  // a payout request) waits for them instead: it must not return before credits a concurrent batch
  // is folding in are visible, or the balance it then reads misses them. Rows lock in id order, so
  // two settlers never deadlock.
  const lock = streamerId ? sql`FOR UPDATE` : sql`FOR UPDATE SKIP LOCKED`;
  // Both drivers (node-postgres and PGlite) answer raw statements with `{ rows }`.
  const result = (await db.execute(sql`
    WITH moved AS (
      DELETE FROM pending_bean_credits
      WHERE id IN (SELECT id FROM pending_bean_credits ${filter} ORDER BY id LIMIT ${BATCH} ${lock})
      RETURNING streamer_id, stream_id, beans, promo_beans
    ),
    per_user AS (SELECT streamer_id, sum(beans)::bigint AS b, sum(promo_beans)::bigint AS pb, count(*)::int AS n FROM moved GROUP BY streamer_id),
    per_stream AS (SELECT stream_id, sum(beans)::bigint AS b, count(*)::int AS n FROM moved GROUP BY stream_id),
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
    UPDATE users SET beans = users.beans + per_user.b,
                     promo_beans = users.promo_beans + per_user.pb,
                     beans_earned = users.beans_earned + per_user.b,
                     gifts_received = users.gifts_received + per_user.n
    FROM per_user WHERE users.id = per_user.streamer_id
    RETURNING users.id
  `)) as unknown as { rows: Array<{ id: string }> };
  return result.rows.map((r) => r.id);
}

/** Runs the settler on an interval until stopped; `onSettled` hears which balances moved. */
export function startBeanSettler(
  db: Db,
  intervalMs: number,
  onSettled: (userIds: string[]) => void,
  onError: (e: unknown) => void,
) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    settleBeans(db)
      .then((ids) => {
        if (ids.length) onSettled(ids);
      })
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
