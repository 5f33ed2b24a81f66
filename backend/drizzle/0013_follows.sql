CREATE TABLE "follows" (
	"follower_id" uuid NOT NULL,
	"streamer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_follower_id_streamer_id_pk" PRIMARY KEY("follower_id","streamer_id"),
	CONSTRAINT "follows_not_self" CHECK ("follows"."follower_id" <> "follows"."streamer_id")
);
--> statement-breakpoint
ALTER TABLE "channel_settings" ADD COLUMN "followers_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_settings" ADD COLUMN "min_follow_age_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_streamer_id_users_id_fk" FOREIGN KEY ("streamer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follows_streamer_idx" ON "follows" USING btree ("streamer_id");