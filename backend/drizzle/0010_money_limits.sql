CREATE TABLE "gift_spend_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"coins" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "gift_spend_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "limit_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"gift_daily_cap" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spending_limits" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"gift_daily_cap" integer,
	"raise_to" integer,
	"raise_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gift_spend_days" ADD CONSTRAINT "gift_spend_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_limits" ADD CONSTRAINT "spending_limits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: one settings row only, and no negative caps.
ALTER TABLE "limit_settings" ADD CONSTRAINT "limit_settings_one_row" CHECK ("id" = 1);--> statement-breakpoint
ALTER TABLE "spending_limits" ADD CONSTRAINT "spending_limits_caps_ck" CHECK ("gift_daily_cap" >= 0 AND "raise_to" >= 0);--> statement-breakpoint
-- Hand-written: the daily gift-spend cap, enforced inside the gift's own statement (no extra round
-- trip). A gift insert adds its cost to the sender's counter for today (UTC) with a conditional
-- upsert; the counter row's lock queues concurrent gifts of one sender, so they can never exceed
-- the cap together. Over the cap: SQLSTATE AW001 with the numbers as JSON in DETAIL, and the whole
-- gift statement (debit, ledger rows) is undone. Replays insert no gift and are not counted.
CREATE OR REPLACE FUNCTION gifts_spend_cap() RETURNS trigger AS $$
DECLARE
  platform_cap integer;
  own_cap integer;
  cap integer;
  spent bigint;
  today date := (now() AT TIME ZONE 'UTC')::date;
BEGIN
  SELECT s.gift_daily_cap INTO platform_cap FROM limit_settings s WHERE s.id = 1;
  SELECT CASE WHEN l.raise_at IS NOT NULL AND l.raise_at <= now() THEN l.raise_to ELSE l.gift_daily_cap END
    INTO own_cap FROM spending_limits l WHERE l.user_id = NEW.sender_id;
  cap := CASE WHEN own_cap IS NULL THEN platform_cap WHEN platform_cap IS NULL THEN own_cap
    ELSE least(own_cap, platform_cap) END;
  INSERT INTO gift_spend_days AS d (user_id, day, coins)
    SELECT NEW.sender_id, today, NEW.cost WHERE cap IS NULL OR NEW.cost <= cap
  ON CONFLICT (user_id, day) DO UPDATE SET coins = d.coins + EXCLUDED.coins
    WHERE cap IS NULL OR d.coins + EXCLUDED.coins <= cap
  RETURNING d.coins INTO spent;
  IF spent IS NULL THEN
    RAISE EXCEPTION 'daily gift limit reached' USING ERRCODE = 'AW001',
      DETAIL = json_build_object('limit', cap, 'requested', NEW.cost, 'used',
        coalesce((SELECT g.coins FROM gift_spend_days g WHERE g.user_id = NEW.sender_id AND g.day = today), 0))::text;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER gifts_spend_cap BEFORE INSERT ON gifts FOR EACH ROW EXECUTE FUNCTION gifts_spend_cap();
