ALTER TABLE "payments" ADD COLUMN "payment_intent_id" text;--> statement-breakpoint
CREATE INDEX "payments_payment_intent_idx" ON "payments" USING btree ("payment_intent_id");--> statement-breakpoint
-- Until now the PaymentIntent id lived in the `reference` of the payment's purchase ledger row;
-- copy it over so refunds of payments completed before this migration are still found.
UPDATE "payments" SET "payment_intent_id" = l."reference"
FROM "ledger_entries" l
WHERE l."payment_id" = "payments"."id"
  AND l."kind" = 'purchase'
  AND l."account" = 'coins'
  AND l."reference" IS NOT NULL
  AND "payments"."payment_intent_id" IS NULL;
