-- The site-local day of every call record and QA evaluation, stored. The application computes it
-- at ingest with the runtime's tz rules (db/local-time.ts); rows written before this migration are
-- backfilled here with the database server's rules, which may be older (the start-up tz rebuild
-- moves the rows whose day those rules got wrong). This backfill is the one place a time zone is
-- converted in SQL.
ALTER TABLE "call_records" ADD COLUMN "local_day" date;--> statement-breakpoint
UPDATE "call_records" AS c SET "local_day" = (c."started_at" AT TIME ZONE s."timezone")::date
  FROM "sites" AS s WHERE s."id" = c."site_id";--> statement-breakpoint
ALTER TABLE "call_records" ALTER COLUMN "local_day" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_evaluations" ADD COLUMN "local_day" date;--> statement-breakpoint
UPDATE "qa_evaluations" AS e SET "local_day" = (e."evaluated_at" AT TIME ZONE s."timezone")::date
  FROM "sites" AS s WHERE s."id" = e."site_id";--> statement-breakpoint
ALTER TABLE "qa_evaluations" ALTER COLUMN "local_day" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "call_records_site_local_day" ON "call_records" USING btree ("site_id","local_day");--> statement-breakpoint
CREATE INDEX "qa_evaluations_site_local_day" ON "qa_evaluations" USING btree ("site_id","local_day");
