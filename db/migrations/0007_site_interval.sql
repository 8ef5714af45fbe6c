CREATE TABLE "site_interval" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"inbound_calls" integer DEFAULT 0 NOT NULL,
	"outbound_calls" integer DEFAULT 0 NOT NULL,
	"short_abandons" integer DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"inbound_handled" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"handle_seconds" double precision DEFAULT 0 NOT NULL,
	"talk_seconds" double precision DEFAULT 0 NOT NULL,
	"hold_seconds" double precision DEFAULT 0 NOT NULL,
	"wrap_seconds" double precision DEFAULT 0 NOT NULL,
	"inbound_handled_wait_seconds" double precision DEFAULT 0 NOT NULL,
	"answered_within_sla" integer DEFAULT 0 NOT NULL,
	"resolved_known" integer DEFAULT 0 NOT NULL,
	"resolved_true" integer DEFAULT 0 NOT NULL,
	"csat_responses" integer DEFAULT 0 NOT NULL,
	"csat_top2" integer DEFAULT 0 NOT NULL,
	"csat_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "site_interval_pk" PRIMARY KEY("site_id","day","starts_at")
);
--> statement-breakpoint
ALTER TABLE "site_interval" ADD CONSTRAINT "site_interval_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill from the stored records (the one place that converts time zones in SQL: each stored
-- local day's first instant by the database's tz data; ingest and tz:rebuild compute it in
-- TypeScript). Each call goes to the 15-minute interval of its stored day its start falls in,
-- kept within the day, with the sums of site_day (db/queries/ingest/rollups.ts CALL_SUMS).
INSERT INTO "site_interval" ("site_id", "day", "starts_at", "calls", "inbound_calls", "outbound_calls", "short_abandons",
  "offered", "handled", "inbound_handled", "abandoned", "handle_seconds", "talk_seconds", "hold_seconds", "wrap_seconds",
  "inbound_handled_wait_seconds", "answered_within_sla", "resolved_known", "resolved_true", "csat_responses", "csat_top2", "csat_sum")
SELECT r.site_id, r.day,
  least(greatest(date_bin('15 minutes', r.started_at, r.day_start), r.day_start), r.day_end - interval '15 minutes'),
  count(r.day),
  count(r.day) filter (where r.direction = 'inbound'),
  count(r.day) filter (where r.direction = 'outbound'),
  count(r.day) filter (where r.abandoned and r.wait_seconds < 5),
  count(r.day) filter (where r.direction = 'inbound' and not (r.abandoned and r.wait_seconds < 5)),
  count(r.day) filter (where not r.abandoned),
  count(r.day) filter (where r.direction = 'inbound' and not r.abandoned),
  count(r.day) filter (where r.direction = 'inbound' and r.abandoned and r.wait_seconds >= 5),
  coalesce(sum(r.talk_seconds + r.hold_seconds + r.wrap_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.talk_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.hold_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.wrap_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.wait_seconds) filter (where r.direction = 'inbound' and not r.abandoned), 0),
  count(r.day) filter (where r.direction = 'inbound' and not r.abandoned and r.wait_seconds <= r.sla_seconds),
  count(r.day) filter (where not r.abandoned and r.resolved is not null),
  count(r.day) filter (where not r.abandoned and r.resolved),
  count(r.csat),
  count(r.day) filter (where r.csat >= 4),
  coalesce(sum(r.csat), 0)
FROM (
  SELECT c.*, c."local_day" AS day, s."sla_seconds",
    (c."local_day"::timestamp AT TIME ZONE s."timezone") AS day_start,
    ((c."local_day" + 1)::timestamp AT TIME ZONE s."timezone") AS day_end
  FROM "call_records" c JOIN "sites" s ON s."id" = c."site_id"
) r
GROUP BY 1, 2, 3;
