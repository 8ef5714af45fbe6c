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
CREATE INDEX "coaching_sessions_site_opened" ON "coaching_sessions" USING btree ("site_id","opened_at");