CREATE TYPE "public"."site_kind" AS ENUM('onshore', 'nearshore', 'offshore');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('user', 'site_key', 'user_token', 'cli', 'system');--> statement-breakpoint
CREATE TYPE "public"."user_locale" AS ENUM('en', 'fr');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'hq_manager', 'site_lead');--> statement-breakpoint
CREATE TYPE "public"."call_direction" AS ENUM('inbound', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."qa_category" AS ENUM('language', 'culture', 'compliance', 'resolution', 'soft_skills');--> statement-breakpoint
CREATE TYPE "public"."qa_dispute_status" AS ENUM('none', 'open', 'upheld', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."qa_form_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."qa_scope" AS ENUM('site', 'hq');--> statement-breakpoint
CREATE TYPE "public"."kpi_metric" AS ENUM('aht', 'asa', 'service_level', 'abandon_rate', 'fcr', 'csat', 'qa_score', 'report_compliance', 'mission_completion');--> statement-breakpoint
CREATE TYPE "public"."digest_cadence" AS ENUM('daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."digest_run_status" AS ENUM('claimed', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "site_feeds" (
	"site_id" integer PRIMARY KEY NOT NULL,
	"last_push_at" timestamp with time zone,
	"last_call_push_at" timestamp with time zone,
	"last_evaluation_push_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(8) NOT NULL,
	"name" text NOT NULL,
	"country" varchar(2) NOT NULL,
	"timezone" text NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" "site_kind" DEFAULT 'offshore' NOT NULL,
	"seats" integer DEFAULT 0 NOT NULL,
	"sla_seconds" integer DEFAULT 20 NOT NULL,
	"report_deadline_minute" integer DEFAULT 1260 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_code_unique" UNIQUE("code"),
	CONSTRAINT "sites_code_format" CHECK ("sites"."code" ~ '^[A-Z]{2,8}$'),
	CONSTRAINT "sites_country_format" CHECK ("sites"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "sites_timezone_nonempty" CHECK (length("sites"."timezone") > 0),
	CONSTRAINT "sites_seats_nonnegative" CHECK ("sites"."seats" >= 0),
	CONSTRAINT "sites_sla_positive" CHECK ("sites"."sla_seconds" > 0 and "sites"."sla_seconds" <= 3600),
	CONSTRAINT "sites_report_deadline_range" CHECK ("sites"."report_deadline_minute" between 0 and 1439)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" varchar(16) NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_secret_hash_unique" UNIQUE("secret_hash"),
	CONSTRAINT "api_keys_name_nonempty" CHECK (length("api_keys"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"site_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" varchar(16) NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "user_tokens_secret_hash_unique" UNIQUE("secret_hash"),
	CONSTRAINT "user_tokens_name_nonempty" CHECK (length("user_tokens"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"site_id" integer,
	"password_hash" text NOT NULL,
	"locale" "user_locale" DEFAULT 'en' NOT NULL,
	"timezone" text DEFAULT 'Europe/Paris' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_email_lowercase" CHECK ("users"."email" = lower("users"."email") and "users"."email" like '%_@_%'),
	CONSTRAINT "users_site_matches_role" CHECK (("users"."role" = 'site_lead') = ("users"."site_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "call_records" (
	"site_id" integer NOT NULL,
	"external_id" varchar(128) NOT NULL,
	"direction" "call_direction" NOT NULL,
	"queue" text NOT NULL,
	"agent_ref" text,
	"started_at" timestamp with time zone NOT NULL,
	"wait_seconds" double precision NOT NULL,
	"talk_seconds" double precision NOT NULL,
	"hold_seconds" double precision NOT NULL,
	"wrap_seconds" double precision NOT NULL,
	"abandoned" boolean NOT NULL,
	"resolved" boolean,
	"csat" smallint,
	"mission_code" text,
	"outcome" text,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_records_pk" PRIMARY KEY("site_id","external_id"),
	CONSTRAINT "call_records_external_id_nonempty" CHECK (length("call_records"."external_id") >= 1),
	CONSTRAINT "call_records_durations_range" CHECK ("call_records"."wait_seconds" between 0 and 86400 and "call_records"."talk_seconds" between 0 and 86400 and "call_records"."hold_seconds" between 0 and 86400 and "call_records"."wrap_seconds" between 0 and 86400),
	CONSTRAINT "call_records_csat_range" CHECK ("call_records"."csat" is null or "call_records"."csat" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "site_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
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
	"qa_evaluations" integer DEFAULT 0 NOT NULL,
	"qa_scored_evaluations" integer DEFAULT 0 NOT NULL,
	"qa_score_sum" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_day_pk" PRIMARY KEY("site_id","day")
);
--> statement-breakpoint
CREATE TABLE "site_mission_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"mission_code" text NOT NULL,
	"outcome" text NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "site_mission_day_pk" PRIMARY KEY("site_id","day","mission_code","outcome")
);
--> statement-breakpoint
CREATE TABLE "site_queue_day" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"queue" text NOT NULL,
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
	CONSTRAINT "site_queue_day_pk" PRIMARY KEY("site_id","day","queue")
);
--> statement-breakpoint
CREATE TABLE "qa_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" integer NOT NULL,
	"key" varchar(64) NOT NULL,
	"label" text NOT NULL,
	"category" "qa_category" NOT NULL,
	"weight" double precision NOT NULL,
	"max_score" integer NOT NULL,
	"critical" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "qa_criteria_form_key" UNIQUE("form_id","key"),
	CONSTRAINT "qa_criteria_weight_positive" CHECK ("qa_criteria"."weight" > 0),
	CONSTRAINT "qa_criteria_max_positive" CHECK ("qa_criteria"."max_score" > 0),
	CONSTRAINT "qa_criteria_key_format" CHECK ("qa_criteria"."key" ~ '^[a-z0-9_]{1,64}$')
);
--> statement-breakpoint
CREATE TABLE "qa_evaluations" (
	"id" bigserial NOT NULL,
	"site_id" integer NOT NULL,
	"scope" "qa_scope" NOT NULL,
	"external_id" varchar(128) NOT NULL,
	"form_id" integer NOT NULL,
	"agent_ref" text NOT NULL,
	"call_external_id" varchar(128),
	"evaluator" text NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	"score" double precision,
	"critical_failed" boolean DEFAULT false NOT NULL,
	"comment" text,
	"calibrates_id" bigint,
	"created_by_user_id" integer,
	"dispute_status" "qa_dispute_status" DEFAULT 'none' NOT NULL,
	"dispute_comment" text,
	"dispute_resolution" text,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_evaluations_pk" PRIMARY KEY("site_id","id"),
	CONSTRAINT "qa_evaluations_site_scope_external" UNIQUE("site_id","scope","external_id"),
	CONSTRAINT "qa_evaluations_score_range" CHECK ("qa_evaluations"."score" is null or "qa_evaluations"."score" between 0 and 100),
	CONSTRAINT "qa_evaluations_calibrates_scope" CHECK ("qa_evaluations"."calibrates_id" is null or "qa_evaluations"."scope" = 'hq')
);
--> statement-breakpoint
CREATE TABLE "qa_forms" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(32) NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" "qa_form_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_forms_code_version" UNIQUE("code","version"),
	CONSTRAINT "qa_forms_code_format" CHECK ("qa_forms"."code" ~ '^[A-Za-z0-9_-]{1,32}$'),
	CONSTRAINT "qa_forms_version_positive" CHECK ("qa_forms"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "qa_scores" (
	"site_id" integer NOT NULL,
	"evaluation_id" bigint NOT NULL,
	"criterion_id" integer NOT NULL,
	"score" double precision,
	CONSTRAINT "qa_scores_pk" PRIMARY KEY("site_id","evaluation_id","criterion_id"),
	CONSTRAINT "qa_scores_nonnegative" CHECK ("qa_scores"."score" is null or "qa_scores"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mission_targets" (
	"mission_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"target" integer NOT NULL,
	CONSTRAINT "mission_targets_pk" PRIMARY KEY("site_id","mission_id"),
	CONSTRAINT "mission_targets_positive" CHECK ("mission_targets"."target" > 0)
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(32) NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"success_outcomes" text[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "missions_code_unique" UNIQUE("code"),
	CONSTRAINT "missions_code_format" CHECK ("missions"."code" ~ '^[A-Za-z0-9_-]{1,32}$'),
	CONSTRAINT "missions_window" CHECK ("missions"."ends_on" >= "missions"."starts_on"),
	CONSTRAINT "missions_outcomes_nonempty" CHECK (cardinality("missions"."success_outcomes") >= 1)
);
--> statement-breakpoint
CREATE TABLE "daily_reports" (
	"site_id" integer NOT NULL,
	"day" date NOT NULL,
	"scheduled_agents" integer NOT NULL,
	"present_agents" integer NOT NULL,
	"leavers" integer DEFAULT 0 NOT NULL,
	"incidents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"highlights" text DEFAULT '' NOT NULL,
	"blockers" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"hq_comment" text,
	CONSTRAINT "daily_reports_pk" PRIMARY KEY("site_id","day"),
	CONSTRAINT "daily_reports_counts_nonnegative" CHECK ("daily_reports"."scheduled_agents" >= 0 and "daily_reports"."present_agents" >= 0 and "daily_reports"."leavers" >= 0),
	CONSTRAINT "daily_reports_incidents_array" CHECK (jsonb_typeof("daily_reports"."incidents") = 'array')
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" integer,
	"metric" "kpi_metric" NOT NULL,
	"green" double precision NOT NULL,
	"amber" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_targets_site_metric" UNIQUE NULLS NOT DISTINCT("site_id","metric"),
	CONSTRAINT "kpi_targets_nonnegative" CHECK ("kpi_targets"."green" >= 0 and "kpi_targets"."amber" >= 0)
);
--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"subscription_id" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "digest_run_status" DEFAULT 'claimed' NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"email_id" integer,
	"error" text,
	CONSTRAINT "digest_runs_subscription_period" UNIQUE("subscription_id","period_start"),
	CONSTRAINT "digest_runs_period" CHECK ("digest_runs"."period_end" >= "digest_runs"."period_start")
);
--> statement-breakpoint
CREATE TABLE "digest_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"cadence" "digest_cadence" NOT NULL,
	"send_minute" integer DEFAULT 420 NOT NULL,
	"timezone" text NOT NULL,
	"site_ids" integer[],
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_subscriptions_minute_range" CHECK ("digest_subscriptions"."send_minute" between 0 and 1439)
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "email_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "site_feeds" ADD CONSTRAINT "site_feeds_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_day" ADD CONSTRAINT "site_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_mission_day" ADD CONSTRAINT "site_mission_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_queue_day" ADD CONSTRAINT "site_queue_day_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_criteria" ADD CONSTRAINT "qa_criteria_form_id_qa_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."qa_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_evaluations" ADD CONSTRAINT "qa_evaluations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_evaluations" ADD CONSTRAINT "qa_evaluations_form_id_qa_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."qa_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_evaluations" ADD CONSTRAINT "qa_evaluations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_evaluations" ADD CONSTRAINT "qa_evaluations_calibrates_fk" FOREIGN KEY ("site_id","calibrates_id") REFERENCES "public"."qa_evaluations"("site_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scores" ADD CONSTRAINT "qa_scores_criterion_id_qa_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."qa_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scores" ADD CONSTRAINT "qa_scores_evaluation_fk" FOREIGN KEY ("site_id","evaluation_id") REFERENCES "public"."qa_evaluations"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_targets" ADD CONSTRAINT "mission_targets_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_targets" ADD CONSTRAINT "mission_targets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_subscription_id_digest_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."digest_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_subscriptions" ADD CONSTRAINT "digest_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_site_name_active" ON "api_keys" USING btree ("site_id","name") WHERE "api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_site_at" ON "audit_log" USING btree ("site_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_tokens_user_name_active" ON "user_tokens" USING btree ("user_id","name") WHERE "user_tokens"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "call_records_site_started" ON "call_records" USING btree ("site_id","started_at");--> statement-breakpoint
CREATE INDEX "qa_evaluations_site_evaluated" ON "qa_evaluations" USING btree ("site_id","evaluated_at");--> statement-breakpoint
CREATE INDEX "email_outbox_status_next" ON "email_outbox" USING btree ("status","next_attempt_at");