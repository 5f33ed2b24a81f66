ALTER TABLE "pending_bean_credits" ADD COLUMN "promo_beans" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "promo_delta" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "promo_coins" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "promo_beans" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_bean_credits" ADD CONSTRAINT "pending_promo_beans_within" CHECK ("pending_bean_credits"."promo_beans" >= 0 AND "pending_bean_credits"."promo_beans" <= "pending_bean_credits"."beans");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_promo_within_delta" CHECK ("ledger_entries"."promo_delta" = 0 OR (sign("ledger_entries"."promo_delta") = sign("ledger_entries"."delta") AND abs("ledger_entries"."promo_delta") <= abs("ledger_entries"."delta")));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_promo_within_balances" CHECK ("users"."promo_coins" >= 0 AND "users"."promo_coins" <= "users"."coins" AND "users"."promo_beans" >= 0 AND "users"."promo_beans" <= "users"."beans");