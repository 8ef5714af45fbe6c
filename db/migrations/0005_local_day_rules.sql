CREATE TABLE "local_day_rules" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"tz_version" text,
	"rebuild_target" text,
	"rebuild_all_days" boolean DEFAULT false NOT NULL,
	"cursor_site_id" integer,
	"cursor_day" date,
	"checked_records" bigint DEFAULT 0 NOT NULL,
	"moved_calls" bigint DEFAULT 0 NOT NULL,
	"moved_evaluations" bigint DEFAULT 0 NOT NULL,
	"recomputed_days" bigint DEFAULT 0 NOT NULL,
	"rebuild_started_at" timestamp with time zone,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_day_rules_single_row" CHECK ("local_day_rules"."id" = 1)
);
