import { sql } from 'drizzle-orm';
import { JOURNAL_KINDS } from './journal-kinds.ts';
import { postingsFrom } from './ledger.repository.ts';

/** What one gift send asks the database to do; the price comes from the catalog row, not the caller. */
export interface GiftSend {
  senderId: string;
  recipientId: string;
  streamId: string;
  giftTypeId: string;
  count: number;
  idempotencyKey: string;
}

export type GiftSendRow = {
  replay: boolean;
  offered: boolean;
  live: boolean;
  banned: boolean;
  id: string | null;
  stream_id: unknown;
  recipient_id: unknown;
  gift_type_id: unknown;
  count: unknown;
  cost: unknown;
  beans_value: unknown;
  created_at: unknown;
  coins: string | number | null;
  entry_id: string | number | null;
};

/**
 * A whole gift in ONE statement, so one round trip: the idempotency check, the rules the
 * database is the truth for (the gift still offered, the stream still live, the sender not
 * banned from the channel), the conditional debit (promo coins first, never below zero), the
 * gift row with the sender's counters, both ledger rows, the pending bean credit and the gift's
 * journal entry with its postings. A statement
 * is atomic on its own: if any part fails (a concurrent send with the same key hits the unique
 * index) nothing moved. The sender's row is locked FOR NO KEY UPDATE, like every ledger movement
 * (see ledger.repository.ts), so it never conflicts with the KEY SHARE locks of gift inserts.
 */
export function giftSendStatement(g: GiftSend) {
  return sql`
    WITH existing AS (
      SELECT * FROM gifts WHERE sender_id = ${g.senderId}::uuid AND idempotency_key = ${g.idempotencyKey}::text
    ),
    offered AS (
      SELECT cost_coins * ${g.count}::int AS cost, beans_value * ${g.count}::int AS beans
      FROM gift_catalog WHERE id = ${g.giftTypeId}::uuid AND active
    ),
    checks AS (
      SELECT EXISTS (SELECT 1 FROM existing) AS replay,
        EXISTS (SELECT 1 FROM offered) AS offered,
        EXISTS (
          SELECT 1 FROM streams
          WHERE id = ${g.streamId}::uuid AND streamer_id = ${g.recipientId}::uuid AND status = 'live'
        ) AS live,
        EXISTS (
          SELECT 1 FROM channel_restrictions
          WHERE streamer_id = ${g.recipientId}::uuid AND user_id = ${g.senderId}::uuid AND kind = 'ban'
        ) AS banned
    ),
    old AS (
      SELECT u.id, u.coins AS bal, u.promo_coins AS promo, o.cost, o.beans
      FROM users u, offered o, checks c
      WHERE u.id = ${g.senderId}::uuid AND NOT c.replay AND c.live AND NOT c.banned
      FOR NO KEY UPDATE OF u
    ),
    calc AS (SELECT id, bal, promo, cost, beans, least(promo, cost) AS promo_spent FROM old),
    debit AS (
      UPDATE users SET coins = calc.bal - calc.cost, promo_coins = calc.promo - calc.promo_spent,
        gifts_sent = users.gifts_sent + ${g.count}::int, coins_spent = users.coins_spent + calc.cost
      FROM calc
      WHERE users.id = calc.id AND calc.bal - calc.cost >= 0
        AND (calc.bal - calc.promo) - (calc.cost - calc.promo_spent) >= 0
      RETURNING users.coins AS balance, calc.promo_spent, calc.cost, calc.beans
    ),
    gift AS (
      INSERT INTO gifts (sender_id, recipient_id, stream_id, gift_type_id, count, cost, beans_value, idempotency_key)
      SELECT ${g.senderId}::uuid, ${g.recipientId}::uuid, ${g.streamId}::uuid, ${g.giftTypeId}::uuid,
        ${g.count}::int, cost, beans, ${g.idempotencyKey}::text
      FROM debit
      RETURNING *
    ),
    sent AS (
      INSERT INTO ledger_entries (user_id, account, delta, promo_delta, balance_after, kind, counterpart_user_id, stream_id, gift_id)
      SELECT ${g.senderId}::uuid, 'coins'::ledger_account, -d.cost, -d.promo_spent, d.balance,
        'gift_sent'::ledger_kind, ${g.recipientId}::uuid, ${g.streamId}::uuid, gift.id
      FROM gift, debit d
      RETURNING id
    ),
    -- The beans the promo coins paid for, rounded up: a fraction of a promo coin never becomes cash.
    share AS (
      SELECT gift.id, gift.beans_value AS beans,
        least(gift.beans_value, (gift.beans_value::bigint * d.promo_spent + gift.cost - 1) / gift.cost) AS promo_beans
      FROM gift, debit d WHERE gift.beans_value > 0
    ),
    received AS (
      INSERT INTO ledger_entries (user_id, account, delta, promo_delta, kind, counterpart_user_id, stream_id, gift_id)
      SELECT ${g.recipientId}::uuid, 'beans'::ledger_account, beans, promo_beans,
        'gift_received'::ledger_kind, ${g.senderId}::uuid, ${g.streamId}::uuid, id
      FROM share
    ),
    pending AS (
      INSERT INTO pending_bean_credits (streamer_id, stream_id, gift_id, beans, promo_beans)
      SELECT ${g.recipientId}::uuid, ${g.streamId}::uuid, id, beans, promo_beans FROM share
    ),
    -- The gift's journal entry and its postings (see journal-kinds.ts), still in this one statement.
    je AS (
      INSERT INTO journal_entries (kind, user_id, gift_id) SELECT 'gift', ${g.senderId}::uuid, gift.id FROM gift
      RETURNING id
    ),
    gp AS (${postingsFrom(
      JOURNAL_KINDS.gift({
        sender: sql`${g.senderId}::uuid`,
        recipient: sql`${g.recipientId}::uuid`,
        cost: sql`gift.cost`,
        beans: sql`gift.beans_value`,
      }),
      sql`je, gift`,
    )})
    SELECT c.replay, c.offered, c.live, c.banned,
      coalesce(gift.id, e.id) AS id, coalesce(gift.stream_id, e.stream_id) AS stream_id,
      coalesce(gift.recipient_id, e.recipient_id) AS recipient_id,
      coalesce(gift.gift_type_id, e.gift_type_id) AS gift_type_id, coalesce(gift.count, e.count) AS count,
      coalesce(gift.cost, e.cost) AS cost, coalesce(gift.beans_value, e.beans_value) AS beans_value,
      coalesce(gift.created_at, e.created_at) AS created_at,
      coalesce(d.balance, (SELECT coins FROM users WHERE id = ${g.senderId}::uuid)) AS coins,
      sent.id AS entry_id
    FROM checks c
    LEFT JOIN existing e ON true
    LEFT JOIN gift ON true
    LEFT JOIN debit d ON true
    LEFT JOIN sent ON true
  `;
}
