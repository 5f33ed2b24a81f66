import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { JOURNAL_KINDS } from './journal-kinds.ts';
import { postingsFrom } from './ledger.repository.ts';

const BATCH = 5000;

/**
 * Releases due hold lots into streamers' balances in one statement: the lots are stamped
 * released, their beans (and promotional part) added to `beans` / `promo_beans`, and the batch
 * is one journal entry (held -> available beans, one pair per streamer).
 *
 * Without `userId` (the background job) it never waits: lots, or streamers, another transaction
 * holds are left for the next run, so several nodes release side by side and none releases a lot
 * twice. With one, the caller holds the streamer's row (settleStreamer) and it waits instead.
 * `asOf` lets a test release what will be due later; the server always releases as of now.
 *
 * Returns the streamers whose balance grew.
 */
export async function releaseHolds(
  db: Db | Tx,
  { userId, asOf }: { userId?: string; asOf?: Date } = {},
): Promise<string[]> {
  const filter = userId ? sql`AND h.user_id = ${userId}::uuid` : sql``;
  const lock = userId
    ? sql`FOR UPDATE OF h`
    : sql`FOR UPDATE OF h SKIP LOCKED FOR NO KEY UPDATE OF u SKIP LOCKED`;
  const result = (await db.execute(sql`
    WITH freed AS (
      UPDATE bean_holds SET released_at = now()
      WHERE id IN (
        SELECT h.id FROM bean_holds h JOIN users u ON u.id = h.user_id
        WHERE h.released_at IS NULL AND h.release_at <= coalesce(${asOf?.toISOString() ?? null}::timestamptz, now()) ${filter}
        ORDER BY h.release_at, h.id LIMIT ${BATCH} ${lock}
      ) AND released_at IS NULL
      RETURNING user_id, beans, promo_beans
    ),
    per_user AS (
      SELECT user_id, sum(beans)::bigint AS b, sum(promo_beans)::bigint AS pb FROM freed
      GROUP BY user_id HAVING sum(beans) > 0
    ),
    je AS (
      INSERT INTO journal_entries (kind, user_id, reason)
      SELECT 'hold_release', ${userId ?? null}::uuid, count(*) || ' hold lots released'
      FROM freed HAVING sum(beans) > 0
      RETURNING id
    ),
    jp AS (${postingsFrom(
      JOURNAL_KINDS.hold_release({ userId: sql`per_user.user_id`, beans: sql`per_user.b` }),
      sql`je, per_user`,
    )})
    UPDATE users SET beans = users.beans + per_user.b, promo_beans = users.promo_beans + per_user.pb
    FROM per_user WHERE users.id = per_user.user_id
    RETURNING users.id
  `)) as unknown as { rows: Array<{ id: string }> };
  return result.rows.map((r) => r.id);
}
