CREATE TABLE "bean_holds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"earned_hour" timestamp with time zone NOT NULL,
	"beans" bigint NOT NULL,
	"promo_beans" bigint DEFAULT 0 NOT NULL,
	"release_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bean_holds_beans_non_negative" CHECK ("bean_holds"."beans" >= 0),
	CONSTRAINT "bean_holds_promo_within" CHECK ("bean_holds"."promo_beans" >= 0 AND "bean_holds"."promo_beans" <= "bean_holds"."beans")
);
--> statement-breakpoint
ALTER TABLE "bean_holds" ADD CONSTRAINT "bean_holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bean_holds_open_uq" ON "bean_holds" USING btree ("user_id","earned_hour") WHERE "bean_holds"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "bean_holds_due_idx" ON "bean_holds" USING btree ("release_at") WHERE "bean_holds"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "bean_holds_released_idx" ON "bean_holds" USING btree ("user_id","released_at") WHERE "bean_holds"."released_at" IS NOT NULL;