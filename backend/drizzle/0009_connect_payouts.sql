-- Stripe Connect payouts (issue 13): payout accounts, the paying/paid/reversed states and the
-- payout_reversal ledger kind. ADD VALUE runs inside the migration transaction (PostgreSQL 12+) and
-- nothing here uses the new values, so it is safe there.

ALTER TYPE "public"."payout_status" ADD VALUE 'paying';--> statement-breakpoint
ALTER TYPE "public"."payout_status" ADD VALUE 'paid';--> statement-breakpoint
ALTER TYPE "public"."payout_status" ADD VALUE 'reversed';--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'payout_reversal' BEFORE 'exchange';--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"currently_due" text[] DEFAULT '{}'::text[] NOT NULL,
	"disabled_reason" text,
	"stripe_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_accounts_stripe_account_id_unique" UNIQUE("stripe_account_id")
);
--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "stripe_account_id" text;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "transfer_id" text;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "stripe_payout_id" text;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "reversed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "reversal_reason" text;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_transfer_id_unique" UNIQUE("transfer_id");--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_stripe_payout_id_unique" UNIQUE("stripe_payout_id");