CREATE TABLE "journal_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"payment_id" uuid,
	"gift_id" uuid,
	"payout_id" uuid,
	"reverses_id" bigint,
	"reference" text,
	"reason" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_reconciliations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"stripe_transactions" integer NOT NULL,
	"ledger_postings" integer NOT NULL,
	"differences" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journal_entry_id" bigint NOT NULL,
	"account" text NOT NULL,
	"user_id" uuid,
	"unit" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "postings_amount_non_zero" CHECK ("postings"."amount" <> 0),
	CONSTRAINT "postings_user_account" CHECK (("postings"."user_id" IS NULL) = ("postings"."account" LIKE 'platform:%'))
);
--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_gift_id_gifts_id_fk" FOREIGN KEY ("gift_id") REFERENCES "public"."gifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_reconciliations" ADD CONSTRAINT "ledger_reconciliations_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_entries_payment_idx" ON "journal_entries" USING btree ("payment_id") WHERE "journal_entries"."payment_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reverses_uq" ON "journal_entries" USING btree ("reverses_id") WHERE "journal_entries"."reverses_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "postings_entry_idx" ON "postings" USING btree ("journal_entry_id");--> statement-breakpoint
CREATE INDEX "postings_user_account_idx" ON "postings" USING btree ("user_id","account");--> statement-breakpoint
-- Hand-written from here on (kept small: the integrator re-chains snapshots).
-- The book is append-only like ledger_entries (0001): corrections are reversing entries.
CREATE OR REPLACE FUNCTION journal_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_update_delete BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER postings_no_update_delete BEFORE UPDATE OR DELETE ON postings
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
-- Double entry, enforced: the ledger module writes each entry's postings in one statement, so a
-- statement trigger over the inserted rows refuses any entry that does not sum to zero per unit
-- (one aggregate over a few rows, no extra round trip on the gift path).
CREATE OR REPLACE FUNCTION postings_balanced() RETURNS trigger AS $$
DECLARE
  bad record;
BEGIN
  SELECT journal_entry_id, unit, sum(amount) AS total INTO bad
  FROM new_postings GROUP BY journal_entry_id, unit HAVING sum(amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance in %: %', bad.journal_entry_id, bad.unit, bad.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER postings_balanced AFTER INSERT ON postings
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_balanced();
--> statement-breakpoint
-- Backfill: the movements written before this migration become journal entries, with the same
-- postings backend/src/ledger/journal-kinds.ts writes today, so an upgraded database balances and
-- every cached balance equals its postings (backend/src/ledger/backfill.test.ts checks it).
-- 1. Every ledger row except gifts: the user's account against the kind's counter account, plus
--    the cash leg of Stripe purchases and refunds (a refund row repaying debt moved no cash).
WITH src AS MATERIALIZED (
  SELECT l.*, nextval('journal_entries_id_seq') AS jid,
    CASE WHEN p.payment_provider = 'stripe' AND (l.kind = 'purchase'
      OR (l.kind = 'refund' AND p.status = 'refunded' AND coalesce(l.reason, '') NOT LIKE 'repays coins owed%'))
      THEN p.amount ELSE 0 END AS cash, lower(p.currency) AS currency
  FROM ledger_entries l LEFT JOIN payments p ON p.id = l.payment_id
  WHERE l.kind NOT IN ('gift_sent', 'gift_received')
),
je AS (
  INSERT INTO journal_entries (id, kind, user_id, payment_id, reference, reason, actor_id, created_at)
  SELECT jid, kind::text, user_id, payment_id, reference, reason, actor_id, created_at FROM src
)
INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
SELECT src.jid, v.account, v.user_id, v.unit, v.amount FROM src, LATERAL (VALUES
  (CASE src.account WHEN 'coins' THEN 'coins' ELSE 'beans_available' END, src.user_id,
    CASE src.account WHEN 'coins' THEN 'coin' ELSE 'bean' END, -src.delta),
  (CASE WHEN src.kind IN ('purchase', 'refund') THEN 'platform:coins_issued'
        WHEN src.kind IN ('payout_hold', 'payout_release') THEN 'beans_in_payout'
        WHEN src.kind = 'exchange' THEN 'platform:revenue' ELSE 'platform:promotions' END,
    CASE WHEN src.kind IN ('payout_hold', 'payout_release') THEN src.user_id END,
    CASE src.account WHEN 'coins' THEN 'coin' ELSE 'bean' END, src.delta),
  ('platform:stripe_clearing', NULL::uuid, src.currency, CASE src.kind WHEN 'purchase' THEN src.cash ELSE -src.cash END),
  ('platform:coins_issued', NULL::uuid, src.currency, CASE src.kind WHEN 'purchase' THEN -src.cash ELSE src.cash END)
) AS v(account, user_id, unit, amount) WHERE v.amount <> 0;
--> statement-breakpoint
-- 2. Each gift (its gift_sent and gift_received rows): sender's coins -> revenue -> streamer's pending beans.
WITH src AS MATERIALIZED (
  SELECT s.gift_id, s.user_id AS sender, coalesce(r.user_id, s.counterpart_user_id) AS recipient,
    -s.delta AS cost, coalesce(r.delta, 0) AS beans, s.created_at, nextval('journal_entries_id_seq') AS jid
  FROM ledger_entries s LEFT JOIN ledger_entries r ON r.gift_id = s.gift_id AND r.kind = 'gift_received'
  WHERE s.kind = 'gift_sent'
),
je AS (
  INSERT INTO journal_entries (id, kind, user_id, gift_id, created_at)
  SELECT jid, 'gift', sender, gift_id, created_at FROM src
)
INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
SELECT src.jid, v.account, v.user_id, v.unit, v.amount FROM src, LATERAL (VALUES
  ('coins', src.sender, 'coin', src.cost), ('platform:revenue', NULL::uuid, 'coin', -src.cost),
  ('platform:revenue', NULL::uuid, 'bean', src.beans), ('beans_pending', src.recipient, 'bean', -src.beans)
) AS v(account, user_id, unit, amount) WHERE v.amount <> 0;
--> statement-breakpoint
-- 3. Gift beans already settled (no pending credit left): one settlement entry for them all.
WITH per_user AS (
  SELECT r.user_id, sum(r.delta) - coalesce((SELECT sum(p.beans) FROM pending_bean_credits p WHERE p.streamer_id = r.user_id), 0) AS b
  FROM ledger_entries r WHERE r.kind = 'gift_received' GROUP BY r.user_id
),
je AS (
  INSERT INTO journal_entries (kind, reason)
  SELECT 'bean_settlement', 'backfill: gift beans settled before the double-entry ledger'
  WHERE EXISTS (SELECT 1 FROM per_user WHERE b <> 0)
  RETURNING id
)
INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
SELECT je.id, v.account, v.user_id, v.unit, v.amount FROM je, per_user, LATERAL (VALUES
  ('beans_pending', per_user.user_id, 'bean', per_user.b), ('beans_available', per_user.user_id, 'bean', -per_user.b)
) AS v(account, user_id, unit, amount) WHERE v.amount <> 0;
--> statement-breakpoint
-- 4. Approved payouts: held beans -> revenue, which owes the cash (payouts payable).
WITH src AS MATERIALIZED (
  SELECT p.*, nextval('journal_entries_id_seq') AS jid FROM payouts p WHERE p.status = 'approved'
),
je AS (
  INSERT INTO journal_entries (id, kind, user_id, payout_id, reason, actor_id, created_at)
  SELECT jid, 'payout_approve', user_id, id, reason, decided_by, coalesce(decided_at, created_at) FROM src
)
INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
SELECT src.jid, v.account, v.user_id, v.unit, v.amount FROM src, LATERAL (VALUES
  ('beans_in_payout', src.user_id, 'bean', src.beans), ('platform:revenue', NULL::uuid, 'bean', -src.beans),
  ('platform:revenue', NULL::uuid, lower(src.currency), src.cash_cents),
  ('platform:payouts_payable', NULL::uuid, lower(src.currency), -src.cash_cents)
) AS v(account, user_id, unit, amount) WHERE v.amount <> 0;
--> statement-breakpoint
-- 5. Stripe refunds that could take no coins back (all spent) wrote no ledger row: their cash leg.
WITH src AS MATERIALIZED (
  SELECT p.*, nextval('journal_entries_id_seq') AS jid FROM payments p
  WHERE p.payment_provider = 'stripe' AND p.status = 'refunded'
    AND EXISTS (SELECT 1 FROM ledger_entries l WHERE l.payment_id = p.id AND l.kind = 'purchase')
    AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.payment_id = p.id AND l.kind = 'refund'
      AND coalesce(l.reason, '') NOT LIKE 'repays coins owed%')
),
je AS (
  INSERT INTO journal_entries (id, kind, user_id, payment_id, reason, created_at)
  SELECT jid, 'refund_cash', user_id, id, 'backfill: refund of coins already spent', updated_at FROM src
)
INSERT INTO postings (journal_entry_id, account, user_id, unit, amount)
SELECT src.jid, v.account, v.user_id, v.unit, v.amount FROM src, LATERAL (VALUES
  ('platform:coins_issued', NULL::uuid, lower(src.currency), src.amount::bigint),
  ('platform:stripe_clearing', NULL::uuid, lower(src.currency), -src.amount::bigint)
) AS v(account, user_id, unit, amount) WHERE v.amount <> 0;
