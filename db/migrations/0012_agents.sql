CREATE TYPE "public"."coaching_source" AS ENUM('evaluation', 'dispute', 'outlier');--> statement-breakpoint
CREATE TYPE "public"."coaching_status" AS ENUM('open', 'done', 'dropped');--> statement-breakpoint
CREATE TABLE "agent_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"agent_ref" text NOT NULL,
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
	CONSTRAINT "agent_day_pk" PRIMARY KEY("site_id","day","agent_ref")
);
--> statement-breakpoint
CREATE TABLE "agent_qa_category_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"agent_ref" text NOT NULL,
	"category" "qa_category" NOT NULL,
	"percent_sum" double precision DEFAULT 0 NOT NULL,
	"scores" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agent_qa_category_day_pk" PRIMARY KEY("site_id","day","agent_ref","category")
);
--> statement-breakpoint
CREATE TABLE "agent_qa_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"agent_ref" text NOT NULL,
	"evaluations" integer DEFAULT 0 NOT NULL,
	"scored_evaluations" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"critical_fails" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agent_qa_day_pk" PRIMARY KEY("site_id","day","agent_ref")
);
--> statement-breakpoint
CREATE TABLE "coaching_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"agent_ref" text NOT NULL,
	"source" "coaching_source" NOT NULL,
	"source_evaluation_id" bigint,
	"source_metric" text,
	"objective" text NOT NULL,
	"owner_user_id" integer NOT NULL,
	"due_date" date NOT NULL,
	"status" "coaching_status" DEFAULT 'open' NOT NULL,
	"follow_up_evaluation_id" bigint,
	"drop_reason" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by_user_id" integer,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_sessions_objective" CHECK (length("coaching_sessions"."objective") between 1 and 2000),
	CONSTRAINT "coaching_sessions_source_shape" CHECK (("coaching_sessions"."source" = 'outlier' and "coaching_sessions"."source_metric" is not null) or ("coaching_sessions"."source" <> 'outlier' and "coaching_sessions"."source_evaluation_id" is not null)),
	CONSTRAINT "coaching_sessions_status_shape" CHECK (("coaching_sessions"."status" = 'open' and "coaching_sessions"."closed_at" is null)
        or ("coaching_sessions"."status" = 'done' and "coaching_sessions"."follow_up_evaluation_id" is not null and "coaching_sessions"."closed_at" is not null)
        or ("coaching_sessions"."status" = 'dropped' and "coaching_sessions"."drop_reason" is not null and length("coaching_sessions"."drop_reason") >= 1 and "coaching_sessions"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "site_agents" (
	"site_id" integer NOT NULL,
	"agent_ref" text NOT NULL,
	"name" text,
	"team" text,
	"start_date" date,
	"end_date" date,
	"name_removed_at" timestamp with time zone,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_agents_pk" PRIMARY KEY("site_id","agent_ref"),
	CONSTRAINT "site_agents_ref_nonempty" CHECK (length("site_agents"."agent_ref") between 1 and 128),
	CONSTRAINT "site_agents_dates" CHECK ("site_agents"."end_date" is null or "site_agents"."start_date" is null or "site_agents"."start_date" <= "site_agents"."end_date")
);
--> statement-breakpoint
ALTER TABLE "agent_day" ADD CONSTRAINT "agent_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_qa_category_day" ADD CONSTRAINT "agent_qa_category_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_qa_day" ADD CONSTRAINT "agent_qa_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_source_evaluation_fk" FOREIGN KEY ("site_id","source_evaluation_id") REFERENCES "public"."qa_evaluations"("site_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_follow_up_fk" FOREIGN KEY ("site_id","follow_up_evaluation_id") REFERENCES "public"."qa_evaluations"("site_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_agents" ADD CONSTRAINT "site_agents_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_day_site_agent_day" ON "agent_day" USING btree ("site_id","agent_ref","day");--> statement-breakpoint
CREATE INDEX "agent_qa_day_site_agent_day" ON "agent_qa_day" USING btree ("site_id","agent_ref","day");--> statement-breakpoint
CREATE INDEX "coaching_sessions_site_agent" ON "coaching_sessions" USING btree ("site_id","agent_ref");--> statement-breakpoint
CREATE INDEX "coaching_sessions_site_opened" ON "coaching_sessions" USING btree ("site_id","opened_at");--> statement-breakpoint
-- Backfill: the agent rollups of the records already stored, by their stored site-local day and
-- the site's SLA, with the definitions ingest keeps them by (db/queries/ingest/rollups.ts: CALL_SUMS
-- over the calls with an agent reference, short abandons under 5 s; site-scope evaluations only).
INSERT INTO "agent_day" ("site_id", "day", "agent_ref", "calls", "inbound_calls", "outbound_calls", "short_abandons",
  "offered", "handled", "inbound_handled", "abandoned", "handle_seconds", "talk_seconds", "hold_seconds", "wrap_seconds",
  "inbound_handled_wait_seconds", "answered_within_sla", "resolved_known", "resolved_true", "csat_responses", "csat_top2", "csat_sum")
SELECT r.site_id, r.day, r.agent_ref,
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
  SELECT c.*, c."local_day" AS day, s."sla_seconds"
  FROM "call_records" c JOIN "sites" s ON s."id" = c."site_id"
  WHERE c."agent_ref" IS NOT NULL
) r
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "agent_qa_day" ("site_id", "day", "agent_ref", "evaluations", "scored_evaluations", "score_sum", "critical_fails")
SELECT e."site_id", e."local_day", e."agent_ref", count(*), count(e."score"), coalesce(sum(e."score"), 0),
  count(*) filter (where e."critical_failed")
FROM "qa_evaluations" e
WHERE e."scope" = 'site'
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "agent_qa_category_day" ("site_id", "day", "agent_ref", "category", "percent_sum", "scores")
SELECT e."site_id", e."local_day", e."agent_ref", k."category", sum(s."score" / k."max_score" * 100), count(*)
FROM "qa_evaluations" e
JOIN "qa_scores" s ON s."site_id" = e."site_id" AND s."evaluation_id" = e."id"
JOIN "qa_criteria" k ON k."id" = s."criterion_id"
WHERE e."scope" = 'site' AND s."score" IS NOT NULL
GROUP BY 1, 2, 3, 4;
