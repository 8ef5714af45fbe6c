CREATE TYPE "public"."alert_comparison" AS ENUM('below', 'above');--> statement-breakpoint
CREATE TYPE "public"."alert_delivery_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."alert_scope_state" AS ENUM('ok', 'pending', 'firing');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('warning', 'critical');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('firing', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."alert_transition" AS ENUM('firing', 'resolved', 'renotify');--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"transition" "alert_transition" NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"channel_index" integer NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"body" text,
	"status" "alert_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"email_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_deliveries_once" UNIQUE("alert_id","transition","sequence","channel_index","target"),
	CONSTRAINT "alert_deliveries_kind" CHECK ("alert_deliveries"."kind" in ('email', 'webhook'))
);
--> statement-breakpoint
CREATE TABLE "alert_reads" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"seen_alert_id" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"site_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"queues" text[] DEFAULT '{}'::text[] NOT NULL,
	"network" boolean DEFAULT false NOT NULL,
	"window" jsonb,
	"comparison" "alert_comparison" NOT NULL,
	"threshold" double precision,
	"threshold_target" text,
	"min_volume" integer DEFAULT 0 NOT NULL,
	"hold_minutes" integer DEFAULT 0 NOT NULL,
	"renotify_minutes" integer,
	"severity" "alert_severity" NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quiet_when_closed" boolean DEFAULT true NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"built_in" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_built_in_unique" UNIQUE("built_in"),
	CONSTRAINT "alert_rules_name" CHECK (length("alert_rules"."name") between 1 and 100),
	CONSTRAINT "alert_rules_threshold" CHECK (("alert_rules"."threshold" is null) <> ("alert_rules"."threshold_target" is null)),
	CONSTRAINT "alert_rules_threshold_target" CHECK ("alert_rules"."threshold_target" is null or "alert_rules"."threshold_target" in ('red', 'amber')),
	CONSTRAINT "alert_rules_minutes" CHECK ("alert_rules"."min_volume" >= 0 and "alert_rules"."hold_minutes" >= 0 and ("alert_rules"."renotify_minutes" is null or "alert_rules"."renotify_minutes" > 0))
);
--> statement-breakpoint
CREATE TABLE "alert_states" (
	"rule_id" integer NOT NULL,
	"scope_key" text NOT NULL,
	"site_id" integer,
	"queue" text,
	"state" "alert_scope_state" DEFAULT 'ok' NOT NULL,
	"breach_since" timestamp with time zone,
	"clear_since" timestamp with time zone,
	"alert_id" integer,
	"last_value" double precision,
	"last_evaluated_at" timestamp with time zone,
	"last_notified_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "alert_states_pk" PRIMARY KEY("rule_id","scope_key")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" integer,
	"rule_name" text NOT NULL,
	"scope_key" text NOT NULL,
	"site_id" integer,
	"queue" text,
	"metric" text NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"status" "alert_status" DEFAULT 'firing' NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"value" double precision,
	"resolved_value" double precision,
	"threshold" double precision NOT NULL,
	"comparison" "alert_comparison" NOT NULL,
	"window" jsonb,
	"figures" jsonb NOT NULL,
	CONSTRAINT "alerts_rule_scope_fired" UNIQUE("rule_id","scope_key","fired_at")
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_email_id_email_outbox_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."email_outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_reads" ADD CONSTRAINT "alert_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_deliveries_due" ON "alert_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alerts_status_fired" ON "alerts" USING btree ("status","fired_at");--> statement-breakpoint
CREATE INDEX "alerts_site_fired" ON "alerts" USING btree ("site_id","fired_at");