CREATE TABLE "site_calendar_periods" (
	"id" serial NOT NULL,
	"site_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"hours" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_calendar_periods_pk" PRIMARY KEY("site_id","id"),
	CONSTRAINT "site_calendar_periods_kind" CHECK ("site_calendar_periods"."kind" in ('closed', 'special')),
	CONSTRAINT "site_calendar_periods_range" CHECK ("site_calendar_periods"."ends_on" >= "site_calendar_periods"."starts_on"),
	CONSTRAINT "site_calendar_periods_name" CHECK (length("site_calendar_periods"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "site_holidays" (
	"site_id" integer NOT NULL,
	"holiday_key" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"library_date" date NOT NULL,
	"observed_on" date NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_holidays_pk" PRIMARY KEY("site_id","holiday_key"),
	CONSTRAINT "site_holidays_status" CHECK ("site_holidays"."status" in ('proposed', 'confirmed', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "displays" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"site_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"locale" "user_locale" DEFAULT 'en' NOT NULL,
	"pairing_code_hash" text,
	"pairing_expires_at" timestamp with time zone,
	"credential_hash" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paired_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "displays_pairing_code_hash_unique" UNIQUE("pairing_code_hash"),
	CONSTRAINT "displays_credential_hash_unique" UNIQUE("credential_hash"),
	CONSTRAINT "displays_name_nonempty" CHECK (length("displays"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "weekly_hours" jsonb;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "sl_excludes_out_of_hours" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "live_window" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "site_calendar_periods" ADD CONSTRAINT "site_calendar_periods_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_holidays" ADD CONSTRAINT "site_holidays_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "displays" ADD CONSTRAINT "displays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "site_holidays_site_observed" ON "site_holidays" USING btree ("site_id","observed_on");--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_live_window" CHECK ("sites"."live_window" in ('day', 'rolling24'));